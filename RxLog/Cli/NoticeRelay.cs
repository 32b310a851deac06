using RxLog.Rendering;

namespace RxLog.Cli;

/// <summary>Carries notices from sources created before the view exists (a followed file not there yet) to the view.</summary>
internal sealed class NoticeRelay
{
    private readonly object _gate = new();
    private readonly List<string> _early = new();
    private IMonitorView? _view;

    public void Post(string message)
    {
        lock (_gate)
        {
            if (_view is null) _early.Add(message);
            else _view.OnNotice(message);
        }
    }

    public void Attach(IMonitorView view)
    {
        lock (_gate)
        {
            _view = view;
            foreach (var message in _early) view.OnNotice(message);
            _early.Clear();
        }
    }
}
