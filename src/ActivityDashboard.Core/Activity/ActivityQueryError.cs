namespace ActivityDashboard.Core.Activity;

/// <summary>Why an <see cref="ActivityQueryInput"/> was refused: a reason code of spec section 7 and a message naming the input.</summary>
public sealed record ActivityQueryError(string Reason, string Message)
{
    public const string InvalidRange = "invalid_range";
    public const string InvalidStep = "invalid_step";
    public const string InvalidTimeZone = "invalid_time_zone";
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidCursor = "invalid_cursor";
    public const string InvalidGroupBy = "invalid_group_by";
}
