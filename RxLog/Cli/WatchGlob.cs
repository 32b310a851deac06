using System.Text;
using System.Text.RegularExpressions;

namespace RxLog.Cli;

/// <summary>Expands a quoted <c>watch</c> argument such as <c>/var/log/nginx/*.log</c> the way a shell would:
/// <c>*</c>, <c>?</c> and <c>[…]</c> (<c>[!…]</c> or <c>[^…]</c> negated) within one path component, in any component;
/// a leading <c>.</c> is matched only by a literal one (hidden files stay hidden). Only regular files match.</summary>
public static class WatchGlob
{
    /// <summary>True when <paramref name="argument"/> holds a wildcard.</summary>
    public static bool IsPattern(string argument) => argument.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>True when <c>watch</c> expands <paramref name="argument"/>: it holds a wildcard and names no file (a
    /// file called <c>access[1].log</c> is that file, as a shell keeps a word that matches nothing).</summary>
    public static bool Expands(string argument) => IsPattern(argument) && !File.Exists(argument);

    /// <summary>The files matching <paramref name="pattern"/> now, in ordinal order, spelled as the pattern is
    /// (relative stays relative). Unreadable directories match nothing.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        bool absolute = pattern.StartsWith('/');
        string[] parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string> { absolute ? "/" : "" };
        for (int i = 0; i < parts.Length && found.Count > 0; i++)
        {
            bool last = i == parts.Length - 1;
            var next = new List<string>();
            foreach (string dir in found)
            {
                if (!IsPattern(parts[i]))
                {
                    next.Add(dir + parts[i] + (last ? "" : "/"));
                    continue;
                }

                Regex component = ComponentRegex(parts[i]);
                foreach (string name in Entries(dir.Length == 0 ? "." : dir, directories: !last))
                {
                    if (component.IsMatch(name)) next.Add(dir + name + (last ? "" : "/"));
                }
            }

            found = next;
        }

        var files = found.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>True when the file <paramref name="path"/> would match <paramref name="pattern"/> (both made absolute),
    /// whether or not it exists.</summary>
    public static bool Matches(string pattern, string path)
    {
        string[] want = Path.GetFullPath(pattern).Split('/', StringSplitOptions.RemoveEmptyEntries);
        string[] have = Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return want.Length == have.Length && want.Zip(have).All(p =>
            IsPattern(p.First) ? ComponentRegex(p.First).IsMatch(p.Second) : p.First == p.Second);
    }

    private static IEnumerable<string> Entries(string dir, bool directories)
    {
        try
        {
            var entries = directories ? Directory.GetDirectories(dir) : Directory.GetFiles(dir);
            return entries.Select(Path.GetFileName).OfType<string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>One component as an anchored regular expression: <c>*</c> any run, <c>?</c> one character, <c>[…]</c>
    /// a class; an unclosed <c>[</c> is literal.</summary>
    private static Regex ComponentRegex(string component)
    {
        var regex = new StringBuilder("^");
        if (component[0] != '.') regex.Append("(?!\\.)");
        for (int i = 0; i < component.Length; i++)
        {
            char c = component[i];
            int close = c == '[' ? ClassEnd(component, i) : -1;
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else if (close > 0)
            {
                string body = component[(i + 1)..close];
                bool negated = body[0] is '!' or '^';
                if (negated) body = body[1..];
                regex.Append(negated ? "[^" : "[").Append(body.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]")).Append(']');
                i = close;
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Index of the <c>]</c> closing the class opened at <paramref name="open"/>, or -1. A <c>]</c> first in
    /// the class (after any <c>!</c>/<c>^</c>) is a member, as in the shell.</summary>
    private static int ClassEnd(string component, int open)
    {
        int i = open + 1;
        if (i < component.Length && component[i] is '!' or '^') i++;
        if (i < component.Length && component[i] == ']') i++;
        int close = component.IndexOf(']', i);
        return close;
    }
}
