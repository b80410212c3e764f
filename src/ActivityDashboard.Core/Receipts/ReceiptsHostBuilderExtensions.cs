using Microsoft.Extensions.Hosting;

namespace ActivityDashboard.Core.Receipts;

/// <summary>Registers the receipts database.</summary>
public static class ReceiptsHostBuilderExtensions
{
    /// <summary>
    /// Reads <c>ConnectionStrings:Receipts</c> once (failing fast with a message naming it), registers the
    /// <c>ActivityDbContext</c> factory and <see cref="IChargeReceiptStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddChargeReceipts(this IHostApplicationBuilder builder)
    {
        throw new NotImplementedException();
    }
}
