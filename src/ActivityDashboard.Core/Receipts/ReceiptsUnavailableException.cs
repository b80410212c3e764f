namespace ActivityDashboard.Core.Receipts;

/// <summary>The receipts database could not be reached (503 <c>receipts_unavailable</c>).</summary>
public sealed class ReceiptsUnavailableException : Exception
{
    public ReceiptsUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The machine-readable reason of spec section 7.</summary>
    public string Reason => "receipts_unavailable";
}
