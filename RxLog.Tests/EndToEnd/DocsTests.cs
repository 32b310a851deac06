using System.Text;
using System.Text.RegularExpressions;
using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>The README and <c>docs/*.md</c> stay true, kept so by the same runs that keep the examples true: every
/// transcript in a code block (<c>$ rxlog check FILE …</c>, <c>$ cat FILE | rxlog …</c>, then what it prints and
/// <c>$ echo $?</c>) is run in process and compared with what the page shows, where <c>…</c> alone on a line stands for
/// lines left out and <c>…</c> inside a line for text left out. A transcript that cannot be replayed (a live writer, a
/// signal) is listed in <see cref="NotReplayed"/> with the reason. Every relative link points at a file (and heading)
/// that exists, and the README stays a front door: under 12 KB, linking every docs page.</summary>
public sealed class DocsTests : IDisposable
{
    /// <summary>Transcripts that show live runs: what they print depends on the wall clock and on a writer or signal
    /// the page describes, so they are not replayed. Key: the command as the page writes it, without its comment.</summary>
    private static readonly Dictionary<string, string> NotReplayed = new(StringComparer.Ordinal)
    {
        ["rxlog generate --follow --rate 15 -o /tmp/demo-access.log &"] = "writes in real time, in the background",
        ["rxlog watch /tmp/demo-access.log --threshold 10"] = "follows a live writer until SIGTERM",
        ["rxlog check examples/burst.log --rules examples/rules.yaml --listen 9100 > /dev/null &"] =
            "serves until Ctrl+C, in the background; ListenOptionTests asks it what the curls below ask",
        ["curl -s 127.0.0.1:9100/metrics | grep -E '^rxlog_(lines_read|requests|alerts)_total'"] = "asks the run above",
        ["rxlog watch access.log -t 5 -w 10 --on-alert 'logger -t rxlog \"$RXLOG_MESSAGE\"' \\"] =
            "follows a live writer until Ctrl+C; tools/alertmanager-harness.sh runs it against a real Alertmanager in CI",
        ["amtool alert query --alertmanager.url=http://127.0.0.1:9093"] = "asks the Alertmanager of the run above",
    };

    /// <summary>Files that transcripts name by their base name, as a user in their directory would.</summary>
    private static readonly Dictionary<string, string> SharedLogs = new(StringComparer.Ordinal)
    {
        ["u_ex_W3SVC20_all.log.gz"] = RepoPaths.SharedData("iis_waikolai_2009_2011/u_ex_W3SVC20_all.log.gz"),
    };

    private static readonly Regex CheckCommand = new(@"^(?:dist/)?rxlog ((?:rules )?(?:check|prometheus) \S+(?: \S+)*?)(?: \| tail -(\d+))?$");
    private static readonly Regex StdinCommand = new(@"^cat (\S+) \| (?:dist/)?rxlog((?: \S+)*)$");
    private static readonly Regex CatCommand = new(@"^cat (\S+)$");
    private static readonly Regex WallTime = new(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> ReplayedTranscripts()
    {
        var data = new TheoryData<string>();
        foreach (var t in Transcripts().Where(t => t.IsReplayed)) data.Add(t.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReplayedTranscripts))]
    public async Task A_transcript_in_the_docs_prints_what_it_shows(string key)
    {
        foreach (var t in Transcripts().Where(t => t.Key == key))
        {
            var (result, shownPath, realPath) = await RunAsync(t);

            var shownErr = t.Shown.Where(l => l.StartsWith("rxlog: ", StringComparison.Ordinal)).ToList();
            var shownOut = t.Shown.Where(l => !l.StartsWith("rxlog: ", StringComparison.Ordinal)).ToList();
            var actualOut = result.OutLines.Select(l => l.Replace(realPath, shownPath)).ToList();
            if (t.Tail is int n) actualOut = actualOut.TakeLast(n).ToList();
            if (t.WallClock) (shownOut, actualOut) = (shownOut.Select(MaskTime).ToList(), actualOut.Select(MaskTime).ToList());
            var actualErr = result.ErrLines.Select(l => l.Replace(realPath, shownPath)).ToList();

            string where = $"{t.Page}:{t.Line} $ {t.Command}";
            string? outDiff = Mismatch(shownOut, actualOut);
            Assert.True(outDiff is null, $"{where}: stdout differs\n{outDiff}");
            string? errDiff = shownErr.Count == 0 ? (result.Problems.Length == 0 ? null : result.Problems) : Mismatch(shownErr, actualErr);
            Assert.True(errDiff is null, $"{where}: stderr differs\n{errDiff}");
            if (t.Exit is int exit) Assert.True(exit == result.Code, $"{where}: exit {result.Code}, the page shows {exit}");
        }
    }

    [Fact]
    public void Every_transcript_is_replayed_or_listed_as_live()
    {
        var all = Transcripts().ToList();
        Assert.Empty(all.Where(t => !t.IsReplayed && !NotReplayed.ContainsKey(t.Command)).Select(t => t.Key));
        Assert.All(NotReplayed.Keys, c => Assert.Contains(c, all.Select(t => t.Command)));
    }

    [Fact]
    public void The_readme_examples_over_the_bundled_logs_are_among_the_replayed() =>
        Assert.Superset(
            new HashSet<string> { "README.md: rxlog check examples/burst.log --threshold 3", "README.md: cat /tmp/two.log | rxlog",
                "docs/output.md: rxlog check /tmp/two.log --json", "docs/formats.md: rxlog check u_ex_W3SVC20_all.log.gz --json | tail -1" },
            Transcripts().Where(t => t.IsReplayed).Select(t => t.Key).ToHashSet());

    [Fact]
    public void Every_json_event_quoted_in_the_docs_is_one_an_example_prints()
    {
        var printed = Directory.GetFiles(RepoPaths.Repo("examples"), "*.expected.ndjson").SelectMany(File.ReadAllLines).ToList();
        var quoted = Pages().SelectMany(p => Regex.Matches(Prose(p), "`(\\{\"type\":[^`]*)`").Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(quoted);
        Assert.All(quoted, q => Assert.Contains(printed, Pattern(q).IsMatch));
    }

    [Fact]
    public void Every_relative_link_points_at_a_file_that_exists()
    {
        var links = Pages().SelectMany(p => Regex.Matches(Prose(p), @"\]\(([^)\s]+)\)").Select(m => (Page: p, Target: m.Groups[1].Value)))
            .Where(l => !Regex.IsMatch(l.Target, "^(https?|mailto):")).ToList();

        Assert.Contains(links, l => l.Target.StartsWith("docs/", StringComparison.Ordinal));
        Assert.Empty(links.Where(l => !Resolves(l.Page, l.Target)).Select(l => $"{l.Page}: {l.Target}"));
    }

    [Fact]
    public void The_readme_is_a_front_door_under_12_KB() =>
        Assert.InRange(new FileInfo(RepoPaths.Repo("README.md")).Length, 1000, 12 * 1024 - 1);

    [Fact]
    public void The_readme_links_every_docs_page()
    {
        var linked = Regex.Matches(Prose("README.md"), @"\]\((docs/[^)#\s]+)").Select(m => m.Groups[1].Value).ToHashSet();
        var pages = Pages().Where(p => p.StartsWith("docs/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Contains(p, linked));
    }

    private async Task<(CliResult Result, string ShownPath, string RealPath)> RunAsync(Transcript t)
    {
        var stdin = StdinCommand.Match(t.Command);
        if (stdin.Success)
        {
            string[] options = stdin.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            byte[] input = File.ReadAllBytes(Resolve(t, stdin.Groups[1].Value));
            return (await CliRunner.RunAsync(options, stdin: input), "-", "-");
        }
        string[] args = CheckCommand.Match(t.Command).Groups[1].Value.Split(' ');
        int file = FileIndex(args);
        string shown = args[file];
        args[file] = Resolve(t, shown);
        for (int i = 0; i + 1 < args.Length; i++)
            if (args[i] == "--rules") args[i + 1] = Resolve(t, args[i + 1]);   // repository paths, as the page shows them
        return (await CliRunner.RunAsync(args), shown, args[file]);
    }

    /// <summary>Where a file a transcript names is: in the repository, shown by a <c>$ cat FILE</c> in the docs
    /// (written to a temp file), or one of the shared real logs.</summary>
    private string Resolve(Transcript t, string shown)
    {
        if (File.Exists(RepoPaths.Repo(shown)) && !Path.IsPathRooted(shown)) return RepoPaths.Repo(shown);
        if (SharedLogs.TryGetValue(shown, out string? shared)) return shared;
        string path = _dir.File(Path.GetFileName(shown));
        File.WriteAllText(path, ShownFiles()[shown], new UTF8Encoding(false));
        return path;
    }

    // `check FILE …`, `rules check FILE` or `rules prometheus FILE`.
    private static int FileIndex(string[] args) => args[0] == "rules" ? 2 : 1;

    private static bool IsResolvable(string shown) =>
        (!Path.IsPathRooted(shown) && File.Exists(RepoPaths.Repo(shown))) || SharedLogs.ContainsKey(shown) || ShownFiles().ContainsKey(shown);

    /// <summary>Null when <paramref name="actual"/> is what <paramref name="shown"/> shows, else what differs.</summary>
    private static string? Mismatch(IReadOnlyList<string> shown, IReadOnlyList<string> actual)
    {
        int at = 0;
        bool gap = false;
        foreach (string line in shown)
        {
            if (line == "…") { gap = true; continue; }
            var pattern = Pattern(line);
            int found = at;
            while (found < actual.Count && !pattern.IsMatch(actual[found]) && gap) found++;
            if (found >= actual.Count || !pattern.IsMatch(actual[found]))
                return $"shown: {line}\nprinted: {(at < actual.Count ? actual[at] : "(nothing more)")}";
            (at, gap) = (found + 1, false);
        }
        return gap || at == actual.Count ? null : $"printed more than shown, from: {actual[at]}";
    }

    /// <summary>A shown line as a pattern: <c>…</c> stands for any text.</summary>
    private static Regex Pattern(string shown) =>
        new("^" + string.Join(".*", shown.Split('…').Select(Regex.Escape)) + "$");

    private static string MaskTime(string line) => WallTime.Replace(line, "HH:MM:SS");

    private sealed record Transcript(string Page, int Line, string Command, List<string> Shown, int? Exit, int? Tail)
    {
        public string Key => $"{Page}: {Command}";

        public bool IsReplayed => !NotReplayed.ContainsKey(Command) && (
            (CheckCommand.Match(Command) is { Success: true } m && m.Groups[1].Value.Split(' ') is var args
                && IsResolvable(args[FileIndex(args)])) ||
            (StdinCommand.Match(Command) is { Success: true } s && IsResolvable(s.Groups[1].Value)));

        /// <summary>stdin without <c>--clock log</c> stamps lines when they arrive: the shown times are not replayed.</summary>
        public bool WallClock => StdinCommand.IsMatch(Command) && !Command.Contains("--clock log", StringComparison.Ordinal);
    }

    /// <summary>Every command in a code block of the README or docs/, with the lines it shows; <c>$ echo $?</c>
    /// gives the previous command's exit code and <c>$ cat FILE</c> shows a file (see <see cref="ShownFiles"/>).</summary>
    private static IEnumerable<Transcript> Transcripts(bool withCat = false)
    {
        foreach (string page in Pages())
        {
            string[] lines = File.ReadAllLines(RepoPaths.Repo(page));
            bool inBlock = false;
            Transcript? current = null;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("```", StringComparison.Ordinal))
                {
                    inBlock = !inBlock;
                    if (current is not null && (withCat || !CatCommand.IsMatch(current.Command))) yield return current;
                    current = null;
                }
                else if (inBlock && lines[i] == "$ echo $?" && current is not null)
                {
                    current = current with { Exit = int.Parse(lines[++i]) };
                }
                else if (inBlock && lines[i].StartsWith("$ ", StringComparison.Ordinal))
                {
                    if (current is not null && (withCat || !CatCommand.IsMatch(current.Command))) yield return current;
                    string command = Regex.Replace(lines[i][2..], @"\s{2,}#.*$", "").TrimEnd();
                    var tail = CheckCommand.Match(command);
                    current = new Transcript(page, i + 1, command, [], null,
                        tail.Success && tail.Groups[2].Success ? int.Parse(tail.Groups[2].Value) : null);
                }
                else if (inBlock && current is not null)
                {
                    current.Shown.Add(lines[i]);
                }
            }
        }
    }

    /// <summary>Files whose whole content a page shows with <c>$ cat FILE</c>; a file shown twice is shown the same.</summary>
    private static Dictionary<string, string> ShownFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in Transcripts(withCat: true).Where(t => CatCommand.IsMatch(t.Command)))
        {
            string name = CatCommand.Match(t.Command).Groups[1].Value;
            string content = string.Concat(t.Shown.Select(l => l + "\n"));
            Assert.True(files.TryAdd(name, content) || files[name] == content, $"{t.Key} shows another {name} than an earlier page");
        }
        return files;
    }

    /// <summary>README.md and docs/*.md, as paths relative to the repository.</summary>
    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(RepoPaths.Repo("docs"), "*.md").Order(StringComparer.Ordinal)
            .Select(p => "docs/" + Path.GetFileName(p)).Prepend("README.md");

    /// <summary>A page without its code blocks and inline code, where links are links.</summary>
    private static string Prose(string page)
    {
        string text = Regex.Replace(File.ReadAllText(RepoPaths.Repo(page)), @"(?ms)^```.*?^```", "");
        return Regex.Replace(text, "`[^`]+`", m => m.Value.StartsWith("`{\"type\":", StringComparison.Ordinal) ? m.Value : "");
    }

    /// <summary>Whether a link from <paramref name="page"/> reaches a file, and a heading of it when it names one.</summary>
    private static bool Resolves(string page, string target)
    {
        int hash = target.IndexOf('#');
        string file = hash < 0 ? target : target[..hash];
        string path = file.Length == 0 ? RepoPaths.Repo(page) : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepoPaths.Repo(page))!, file));
        if (!File.Exists(path) && !Directory.Exists(path)) return false;
        if (hash < 0) return true;
        string anchor = target[(hash + 1)..];
        return File.ReadLines(path).Where(l => l.StartsWith('#')).Any(h => Slug(h.TrimStart('#').Trim()) == anchor);
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string heading) =>
        Regex.Replace(heading.ToLowerInvariant(), @"[^\p{L}\p{Nd} _-]", "").Replace(' ', '-');
}
