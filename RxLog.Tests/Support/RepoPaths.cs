namespace RxLog.Tests.Support;

/// <summary>The repository root (found by walking up to <c>rxlog.sln</c>) and the shared real logs beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Repo(string relative) => Path.Combine(Root, relative);

    /// <summary><c>../shared/data/RELATIVE</c>, read in place (never copied into the repo).</summary>
    public static string SharedData(string relative) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "rxlog.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no rxlog.sln above {AppContext.BaseDirectory}");
    }
}
