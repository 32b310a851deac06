using System.Text;

namespace RxLog.Rendering.Dashboard;

/// <summary>A row of block characters, one per value, scaled to the largest (Rendering stage).</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary><c>▁▃█</c> for 1, 3, 8; all lowest when every value is zero; empty for no values.</summary>
    public static string Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        double max = list.Count == 0 ? 0 : list.Max();
        var sb = new StringBuilder(list.Count);
        foreach (double v in list)
        {
            int level = max <= 0 || v <= 0 ? 0 : (int)Math.Round(v / max * (Blocks.Length - 1));
            sb.Append(Blocks[Math.Clamp(level, 0, Blocks.Length - 1)]);
        }

        return sb.ToString();
    }
}
