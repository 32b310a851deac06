using System.Globalization;
using System.Text;

namespace RxLog.Rendering.Metrics;

/// <summary>Prometheus's text exposition format 0.0.4, written by hand (no reflection, nothing to trim): HELP and
/// TYPE once per family before its samples, label values escaped (<c>\\ \" \n</c>), numbers in the invariant culture
/// (<c>+Inf</c>, <c>NaN</c>), no timestamps, a final newline. Content type <see cref="ContentType"/>.</summary>
public sealed class PrometheusText(StringBuilder text)
{
    /// <summary>What a scrape's response says it is.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Starts a family: <c># HELP name help</c> and <c># TYPE name type</c>.</summary>
    /// <param name="type"><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</param>
    public void Family(string name, string type, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ');
        foreach (char c in help)
        {
            if (c == '\\') text.Append("\\\\");
            else if (c == '\n') text.Append("\\n");
            else text.Append(c);
        }
        text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>A sample without labels.</summary>
    public void Sample(string name, double value)
    {
        text.Append(name).Append(' ');
        Number(value);
        text.Append('\n');
    }

    /// <summary>A sample with one label.</summary>
    public void Sample(string name, string label, string labelValue, double value)
    {
        text.Append(name).Append('{').Append(label).Append("=\"");
        Escaped(labelValue);
        text.Append("\"} ");
        Number(value);
        text.Append('\n');
    }

    /// <summary>A sample with two labels.</summary>
    public void Sample(string name, string label, string labelValue, string label2, string labelValue2, double value)
    {
        text.Append(name).Append('{').Append(label).Append("=\"");
        Escaped(labelValue);
        text.Append("\",").Append(label2).Append("=\"");
        Escaped(labelValue2);
        text.Append("\"} ");
        Number(value);
        text.Append('\n');
    }

    // Label values are any UTF-8 text; only the backslash, the double quote and the line feed are escaped. Text from
    // the log was decoded with invalid bytes replaced (U+FFFD), and a lone surrogate is written as U+FFFD too, so the
    // response is always valid UTF-8.
    private void Escaped(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else text.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    break;
            }
        }
    }

    // Whole numbers as integers (counters stay exact up to 2^53), others in their shortest round-trip form.
    private void Number(double value)
    {
        if (double.IsNaN(value)) text.Append("NaN");
        else if (double.IsPositiveInfinity(value)) text.Append("+Inf");
        else if (double.IsNegativeInfinity(value)) text.Append("-Inf");
        else if (value == Math.Floor(value) && Math.Abs(value) < 9_007_199_254_740_992d)
            text.Append(((long)value).ToString(CultureInfo.InvariantCulture));
        else text.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A histogram bound as Prometheus writes <c>le</c>: <c>0.005</c>, <c>1</c>, <c>+Inf</c>.</summary>
    public static string Bound(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
