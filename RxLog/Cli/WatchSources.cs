using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using RxLog.Sources;

namespace RxLog.Cli;

/// <summary>The sources of <c>rxlog watch ARG…</c>: a file argument is followed by name (<see cref="FileFollowSource"/>);
/// a pattern (<see cref="WatchGlob"/>) is expanded at once, each match followed as its own source, and expanded again at
/// every poll, so that a file which starts to match later is followed too, from its start.</summary>
/// <remarks>A file already followed that is renamed to a name the pattern matches (<c>app.log</c> rotated to
/// <c>app.log.1</c> under <c>app.log*</c>) is not new: its identity was seen under the followed name at a poll, so it is
/// not read a second time. A file that held a followed name for less than one poll can still be.</remarks>
internal static class WatchSources
{
    /// <param name="backfillFor">For a file that exists at start: how to fill the alert window from its end (null:
    /// no backfill). A file that starts to match later is read from its start, so it has none.</param>
    /// <param name="changesOf">For each followed file: reports of its changes, which make it polled at once
    /// (<see cref="FileChanges.Of"/>); null to poll only.</param>
    public static IObservable<LineChunk> Follow(IEnumerable<string> arguments, IScheduler scheduler, TimeSpan poll,
        bool fromStart, Action<string> notice, Func<string, WindowBackfill?>? backfillFor = null,
        Func<string, IObservable<Unit>>? changesOf = null) =>
        arguments.Select(a => WatchGlob.Expands(a)
                ? Matches(a, scheduler, poll, fromStart, notice, backfillFor, changesOf).Merge()
                : FileFollowSource.Follow(a, scheduler, poll, fromStart, notice, backfillFor?.Invoke(a), changesOf?.Invoke(a)))
            .Merge();

    /// <summary>One source per file that matches <paramref name="pattern"/>: those matching now at subscription, then
    /// each new one at the poll that finds it.</summary>
    private static IObservable<IObservable<LineChunk>> Matches(string pattern, IScheduler scheduler, TimeSpan poll,
        bool fromStart, Action<string> notice, Func<string, WindowBackfill?>? backfillFor,
        Func<string, IObservable<Unit>>? changesOf) =>
        Observable.Create<IObservable<LineChunk>>(observer =>
        {
            var gate = new object();
            var followed = new HashSet<string>(StringComparer.Ordinal); // guarded by gate
            var seen = new HashSet<FileIdentity>();                      // every file a followed name named; by gate

            void Look(bool first)
            {
                lock (gate)
                {
                    foreach (string path in followed)
                    {
                        if (Identity(path) is { } id) seen.Add(id);
                    }

                    IReadOnlyList<string> matches = WatchGlob.Expand(pattern);
                    if (first) notice(matches.Count == 0
                        ? $"{pattern}: no file matches yet; waiting for one"
                        : $"{pattern}: following {matches.Count} file(s)");
                    foreach (string path in matches)
                    {
                        if (followed.Contains(path)) continue;
                        FileIdentity? id = Identity(path);
                        if (!first && id is { } known && seen.Contains(known)) continue; // a followed file, renamed
                        followed.Add(path);
                        if (id is { } identity) seen.Add(identity);
                        if (!first) notice($"{path}: new file matching {pattern}; following it from its start");
                        observer.OnNext(FileFollowSource.Follow(path, scheduler, poll, fromStart: !first || fromStart, notice,
                            first ? backfillFor?.Invoke(path) : null, changesOf?.Invoke(path)));
                    }
                }
            }

            Look(first: true);
            return Observable.Interval(poll, scheduler).Subscribe(_ => Look(first: false));
        });

    private static FileIdentity? Identity(string path)
    {
        try
        {
            return FileIdentity.OfPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
