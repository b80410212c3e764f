using System.Diagnostics;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// The name shared by the activity meter (request durations, recorded by the web layer) and the activity spans
/// (<see cref="ActivityService"/>'s source reads). The app exports every meter and source named <c>ActivityDashboard.*</c>.
/// </summary>
public static class ActivityTelemetry
{
    public const string Name = "ActivityDashboard.Activity";

    /// <summary>The spans of <see cref="ActivityService"/>: one per question, around its two source reads.</summary>
    public static readonly ActivitySource Source = new(Name);
}
