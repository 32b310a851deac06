using RxLog.Cli;
using RxLog.Tests.Support;

namespace RxLog.Tests.Cli;

/// <summary>A quoted <c>watch</c> pattern expands as the shell would expand it, on temp dirs.</summary>
public sealed class WatchGlobTests : IDisposable
{
    private readonly TempDir _dir = new();

    public WatchGlobTests()
    {
        foreach (string name in new[] { "a.log", "b.log", "c.txt", "ab.log", ".hidden.log", "a.log.1", "x/1.log", "y/2.log", "y/z/3.log" })
        {
            string path = _dir.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }

        Directory.CreateDirectory(_dir.File("dir.log")); // a directory: never a match
    }

    public void Dispose() => _dir.Dispose();

    private string[] Expand(string pattern) =>
        WatchGlob.Expand(_dir.Path + "/" + pattern).Select(p => p[(_dir.Path.Length + 1)..]).ToArray();

    [Theory]
    [InlineData("*.log", "a.log ab.log b.log")]
    [InlineData("?.log", "a.log b.log")]
    [InlineData("[ab].log", "a.log b.log")]
    [InlineData("[!a].log", "b.log")]
    [InlineData("[^a]*.log", "b.log")]
    [InlineData(".*.log", ".hidden.log")]
    [InlineData("*.log*", "a.log a.log.1 ab.log b.log")]
    [InlineData("*/*.log", "x/1.log y/2.log")]
    [InlineData("y/*/*.log", "y/z/3.log")]
    [InlineData("*.gz", "")]
    [InlineData("nope/*.log", "")]
    [InlineData("[.log", "")]
    public void A_pattern_matches_the_files_a_shell_would_in_ordinal_order(string pattern, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Expand(pattern)));
    }

    [Fact]
    public void A_relative_pattern_gives_relative_paths()
    {
        string cwd = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _dir.Path;
            Assert.Equal(["x/1.log", "y/2.log"], WatchGlob.Expand("*/?.log"));
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }

    [Theory]
    [InlineData("/var/log/nginx/*.log", true)]
    [InlineData("access.log", false)]
    [InlineData("access-[0-9].log", true)]
    [InlineData("what?.log", true)]
    public void An_argument_is_a_pattern_when_it_holds_a_wildcard(string argument, bool expected)
    {
        Assert.Equal(expected, WatchGlob.IsPattern(argument));
    }

    [Fact]
    public async Task A_rejects_file_the_pattern_would_match_is_refused_before_anything_is_read()
    {
        string pattern = _dir.File("*.log");
        var result = await CliRunner.RunAsync("watch", pattern, "--rejects", _dir.File("bad.log"));
        Assert.Equal(2, result.Code);
        Assert.Equal($"rxlog: --rejects: {_dir.File("bad.log")} matches {pattern}, an input; choose another file\n",
            result.Err.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(_dir.File("bad.log")));
    }

    [Theory]
    [InlineData("/var/log/*.log", "/var/log/new.log", true)]
    [InlineData("/var/log/*.log", "/var/log/x/new.log", false)]
    [InlineData("/var/log/*.log", "/var/log/.new.log", false)]
    [InlineData("/var/*/a.log", "/var/log/a.log", true)]
    public void Matches_tells_whether_a_file_not_yet_there_would_match(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, WatchGlob.Matches(pattern, path));
    }
}
