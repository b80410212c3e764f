namespace ActivityDashboard.Core.Receipts;

/// <summary>How the app treats its own database schema (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Applies pending EF Core migrations at start-up, before anything else touches the database. Meant for the demo
    /// and development; production runs <c>dotnet ActivityDashboard.dll migrate</c> as a release step. Defaults to false.
    /// </summary>
    public bool ApplyMigrations { get; set; }
}
