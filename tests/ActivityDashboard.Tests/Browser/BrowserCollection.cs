namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// Every browser test shares one app, one stub and one Chromium, and runs one after the other: the machine has two
/// cores, and the stop-and-restart test takes the stub away from everyone while it runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
