namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// Parses LiteLLM's timestamps: <c>yyyy-MM-ddTHH:mm:ss</c> (a space instead of <c>T</c> is accepted too), 0 to 7
/// fractional digits, then nothing, <c>Z</c> or <c>±hh:mm</c>.
/// </summary>
/// <remarks>
/// A timestamp without an offset is UTC: LiteLLM stores UTC wall-clock values in <c>timestamp without time zone</c>
/// columns. The parser is written by hand so that nothing on this path can consult <see cref="TimeZoneInfo.Local"/>
/// (reading such a value as server-local time shifted calls by hours on a server in Chicago).
/// </remarks>
internal static class LiteLlmTimestamp
{
    private const int DateTimeLength = 19;
    private const int MaxFractionDigits = 7;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < DateTimeLength)
        {
            return false;
        }

        var s = text.AsSpan();
        if (s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't' or ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute)
            || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = s[DateTimeLength..];
        long fractionTicks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 0;
            while (digits + 1 < rest.Length && char.IsAsciiDigit(rest[digits + 1]))
            {
                digits++;
            }

            if (digits is 0 or > MaxFractionDigits)
            {
                return false;
            }

            _ = TryDigits(rest.Slice(1, digits), out var fraction);
            fractionTicks = fraction;
            for (var i = digits; i < MaxFractionDigits; i++)
            {
                fractionTicks *= 10;
            }

            rest = rest[(digits + 1)..];
        }

        if (!TryParseOffset(rest, out var offset))
        {
            return false;
        }

        var wallClock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = wallClock.Ticks - offset.Ticks;
        if (utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);

        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.IsEmpty || s is "Z" || s is "z")
        {
            return true;
        }

        if (s.Length != 6 || s[0] is not ('+' or '-') || s[3] != ':'
            || !TryDigits(s.Slice(1, 2), out var hours) || !TryDigits(s.Slice(4, 2), out var minutes)
            || hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
        {
            offset = offset.Negate();
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
