using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Sources;

/// <summary>Tells <see cref="FileFollowSource"/> at once that a followed file, or a file named like it (its rotated
/// copies), changed, so that it need not wait for its next poll: written, truncated, created, renamed or deleted.</summary>
/// <remarks>A <see cref="FileSystemWatcher"/> on the file's directory: inotify on Linux, the platform's notification
/// elsewhere. Where it cannot be had (no such directory yet, the inotify limits reached, an unsupported platform), the
/// sequence is empty and never ends: polling alone follows the file, as it always does. A watcher's own error (its event
/// queue overflowed) is passed on as one more change.</remarks>
public static class FileChanges
{
    /// <summary>One <see cref="Unit"/> per change, on a thread of the watcher's; never completes.</summary>
    public static IObservable<Unit> Of(string path) => Observable.Create<Unit>(observer =>
    {
        string name = Path.GetFileName(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (name.Length == 0 || directory is null) return Disposable.Empty;
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or PlatformNotSupportedException)
        {
            return Disposable.Empty;
        }
        void Changed(string? changed)
        {
            if (changed is not null && changed.StartsWith(name, StringComparison.Ordinal)) observer.OnNext(Unit.Default);
        }
        watcher.Changed += (_, e) => Changed(e.Name);
        watcher.Created += (_, e) => Changed(e.Name);
        watcher.Deleted += (_, e) => Changed(e.Name);
        watcher.Renamed += (_, e) =>
        {
            Changed(e.OldName);
            Changed(e.Name);
        };
        watcher.Error += (_, _) => observer.OnNext(Unit.Default);
        try
        {
            watcher.EnableRaisingEvents = true;   // inotify_init/add_watch happen here, and fail here
        }
        catch (Exception e) when (e is ArgumentException or IOException or PlatformNotSupportedException
                                      or UnauthorizedAccessException)
        {
            watcher.Dispose();
            return Disposable.Empty;
        }
        return watcher;
    }).Synchronize();   // the watcher may raise events on more than one thread
}
