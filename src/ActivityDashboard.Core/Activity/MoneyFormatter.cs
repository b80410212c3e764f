using System.Globalization;

namespace ActivityDashboard.Core.Activity;

/// <summary>
/// The one formatter for US dollar amounts (spec section 5.3): table, cards, chart labels and export all call it, so
/// they never disagree.
/// </summary>
public static class MoneyFormatter
{
    /// <summary>What a missing amount (a call without a receipt) shows.</summary>
    public const string Missing = "—";

    /// <summary>What an amount greater than zero but below <see cref="Smallest"/> shows.</summary>
    public const string BelowSmallest = "<$0.0001";

    private const decimal Cent = 0.01m;
    private const decimal Smallest = 0.0001m;
    private const string Symbol = "$";

    // Grouping, two decimals always, then as many as a decimal can hold (28), none of them trailing zeros.
    private const string ExactPattern = "#,##0.00##########################";

    /// <summary>
    /// Formats <paramref name="amount"/> for people: at least a cent shows two decimals rounded half away from zero
    /// with the culture's grouping (<c>$1,234.58</c>); below a cent up to four significant digits with trailing zeros
    /// trimmed (<c>$0.0049</c>, <c>$0.005</c>); below $0.0001 <c>&lt;$0.0001</c>; zero <c>$0</c>; null <c>—</c>.
    /// The dollar sign always leads; the digits use <paramref name="culture"/>'s separators. A negative amount (a
    /// refund adjustment) is its magnitude's text after the culture's negative sign (<c>-$1.50</c>).
    /// </summary>
    public static string Format(decimal? amount, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        if (amount is not { } value)
        {
            return Missing;
        }

        if (value == 0m)
        {
            return Symbol + "0";
        }

        var magnitude = FormatMagnitude(Math.Abs(value), culture);

        return value < 0m ? culture.NumberFormat.NegativeSign + magnitude : magnitude;
    }

    /// <summary>
    /// Formats <paramref name="amount"/> exactly for people who audit amounts (the reconciliation's findings): every
    /// significant digit, at least two decimals, the culture's separators and grouping, the dollar sign leading
    /// (<c>$0.017186</c>, <c>$1,234.50</c>, <c>$0.0000004</c>); zero <c>$0</c>; null <c>—</c>; a negative amount after the
    /// culture's negative sign. Where a difference of a fraction of a cent is the finding, rounding to cents as
    /// <see cref="Format"/> does would hide it (billed $0.02 beside expected $0.008593).
    /// </summary>
    public static string FormatExact(decimal? amount, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);

        if (amount is not { } value)
        {
            return Missing;
        }

        if (value == 0m)
        {
            return Symbol + "0";
        }

        var magnitude = Symbol + Math.Abs(value).ToString(ExactPattern, culture);

        return value < 0m ? culture.NumberFormat.NegativeSign + magnitude : magnitude;
    }

    /// <summary>
    /// The exact amount as a culture-invariant string for the API and CSV: every significant digit, no exponent, no
    /// trailing zeros (<c>0.001023</c>, <c>1234.5</c>, <c>0</c>).
    /// </summary>
    public static string FormatInvariant(decimal amount)
    {
        if (amount == 0m)
        {
            return "0";
        }

        var text = amount.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text;
    }

    private static string FormatMagnitude(decimal magnitude, CultureInfo culture)
    {
        if (magnitude >= Cent)
        {
            var rounded = Math.Round(magnitude, 2, MidpointRounding.AwayFromZero);

            return Symbol + rounded.ToString("N2", culture);
        }

        if (magnitude < Smallest)
        {
            return BelowSmallest;
        }

        // Four significant digits: [0.001, 0.01) keeps six decimals, [0.0001, 0.001) keeps seven.
        var decimals = magnitude >= 0.001m ? 6 : 7;
        var significant = Math.Round(magnitude, decimals, MidpointRounding.AwayFromZero);

        return Symbol + significant.ToString("0.#######", culture);
    }
}
