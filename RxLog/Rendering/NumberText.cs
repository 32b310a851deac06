using System.Globalization;

namespace RxLog.Rendering;

/// <summary>How numbers are written in the text views (Rendering stage); always invariant culture.</summary>
public static class NumberText
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>A rate with two decimals, rounding half away from zero on the decimal the value stands for:
    /// 1503 hits / 120 s = 12.525 → <c>12.53</c>, 15 / 120 = 0.125 → <c>0.13</c>.</summary>
    /// <remarks>Plain <c>ToString("F2")</c> is not used: it rounds the binary double, which is inconsistent at
    /// midpoints (on .NET 10 it gives <c>0.12</c> for 0.125 but <c>12.53</c> for 12.525, which is stored as
    /// 12.52499…). The shortest round-trip text of <c>hits / W</c> is the exact quotient whenever that
    /// terminates within 17 digits, so rounding that decimal is the rounding a person would do.</remarks>
    public static string TwoDecimals(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 1e15)
        {
            return value.ToString("F2", CultureInfo.InvariantCulture);
        }

        decimal exact = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float,
            CultureInfo.InvariantCulture);
        return Math.Round(exact, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>The shortest text that reads back as <paramref name="value"/>: <c>10</c>, <c>2.5</c>.</summary>
    public static string Shortest(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant: <c>12345</c>.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A response time given in microseconds, to three significant digits (half away from zero) in the
    /// largest unit that keeps it at 1 or more: <c>0 µs</c>, <c>850 µs</c>, <c>1.23 ms</c>, <c>98 ms</c>,
    /// <c>1.2 s</c>, <c>4290 s</c>. Rounding comes first, so 999.7 µs is <c>1 ms</c>.</summary>
    public static string Micros(double micros)
    {
        if (!double.IsFinite(micros) || Math.Abs(micros) >= 1e24)
        {
            return (micros / 1e6).ToString("0", CultureInfo.InvariantCulture) + " s";
        }

        if (Math.Abs(micros) < 0.0005)
        {
            return "0 µs"; // what three decimals of µs would show; also keeps the decimal scale in range
        }

        decimal value = RoundSignificant(decimal.Parse(micros.ToString("R", CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture), 3);
        decimal magnitude = Math.Abs(value);
        return magnitude < 1_000m ? value.ToString("0.###", CultureInfo.InvariantCulture) + " µs"
            : magnitude < 1_000_000m ? (value / 1_000m).ToString("0.##", CultureInfo.InvariantCulture) + " ms"
            : (value / 1_000_000m).ToString("0.##", CultureInfo.InvariantCulture) + " s";
    }

    private static decimal RoundSignificant(decimal value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }

        // scale = 10^(digits - 1 - exponent), exponent being the power of ten of the leading digit.
        decimal scale = 1;
        for (decimal m = Math.Abs(value); m >= 10; m /= 10)
        {
            scale /= 10;
        }

        for (decimal m = Math.Abs(value); m < 1; m *= 10)
        {
            scale *= 10;
        }

        for (int i = 1; i < digits; i++)
        {
            scale *= 10;
        }

        return Math.Round(value * scale, 0, MidpointRounding.AwayFromZero) / scale;
    }

    /// <summary>Bytes in binary units with one decimal: <c>0 B</c>, <c>512 B</c>, <c>1.0 KiB</c>, <c>1.2 MiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return Integer(bytes) + " B";
        }

        double value = bytes;
        int unit = 0;
        // Move up while the rounded value would print as 1024.0 or more, so 1048575 B is "1.0 MiB", not "1024.0 KiB".
        while (unit < Units.Length - 1 && Math.Round(value, 1, MidpointRounding.AwayFromZero) >= 1024)
        {
            value /= 1024;
            unit++;
        }

        return Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
