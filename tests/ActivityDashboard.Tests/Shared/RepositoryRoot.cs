namespace ActivityDashboard.Tests.Shared;

/// <summary>The source tree the tests were built from, for tests that read shipped files (deploy/, docs/).</summary>
public static class RepositoryRoot
{
    private const string Marker = "ActivityDashboard.sln";

    /// <summary>Walks up from the test binaries to the directory holding <c>ActivityDashboard.sln</c>.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {Marker} above {AppContext.BaseDirectory}: the tests must run from a source tree.");
    }
}
