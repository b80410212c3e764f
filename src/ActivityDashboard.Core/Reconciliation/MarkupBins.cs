using System.Globalization;

namespace ActivityDashboard.Core.Reconciliation;

/// <summary>
/// The fixed bins of the realised-markup distribution: one bin 0.1 wide centred on each tenth from 1.0 to 2.0
/// (<c>[0.95, 1.05)</c> is "1.0", <c>[1.15, 1.25)</c> is "1.2", …), one below 0.95 and one from 2.05 up. A markup set
/// to a tenth sits in the middle of its bin, so the rounding of credits never splits correctly billed calls over two.
/// </summary>
public static class MarkupBins
{
    private const decimal Lowest = 0.95m;
    private const decimal Width = 0.1m;
    private const int CentredCount = 11;

    /// <summary>The bins, empty, lowest first.</summary>
    public static IReadOnlyList<MarkupBin> Empty { get; } = CreateEmpty();

    /// <summary>The index into <see cref="Empty"/> of the bin holding <paramref name="markup"/>.</summary>
    public static int IndexOf(decimal markup)
    {
        if (markup < Lowest)
        {
            return 0;
        }

        var index = (int)Math.Min(decimal.Floor((markup - Lowest) / Width), CentredCount);

        return index + 1;
    }

    private static MarkupBin[] CreateEmpty()
    {
        var bins = new MarkupBin[CentredCount + 2];
        bins[0] = new MarkupBin("< " + Lowest.ToString("0.00", CultureInfo.InvariantCulture), null, Lowest, 0);
        for (var i = 0; i < CentredCount; i++)
        {
            var from = Lowest + (i * Width);
            var centre = from + (Width / 2);
            bins[i + 1] = new MarkupBin(centre.ToString("0.0", CultureInfo.InvariantCulture), from, from + Width, 0);
        }

        var highest = Lowest + (CentredCount * Width);
        bins[^1] = new MarkupBin("≥ " + highest.ToString("0.00", CultureInfo.InvariantCulture), highest, null, 0);

        return bins;
    }
}
