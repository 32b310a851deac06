using System.Globalization;
using System.Xml;

namespace RxLog.Rendering.Verdicts;

/// <summary><c>check --junit FILE</c>: the verdict as JUnit XML, the dialect GitLab's <c>artifacts:reports:junit</c> and
/// GitHub's test-report actions read: one <c>testsuite</c> per checked input, one <c>testcase</c> per rule, a
/// <c>failure</c> listing each alert and recovery of a rule that fired.</summary>
public static class JUnitReport
{
    public static void Write(TextWriter output, IReadOnlyList<CheckVerdict> verdicts)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CheckCharacters = true };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "rxlog check");
        xml.WriteAttributeString("tests", Count(verdicts.Sum(v => v.Rules.Count)));
        xml.WriteAttributeString("failures", Count(verdicts.Sum(v => v.Failed)));
        xml.WriteAttributeString("errors", "0");
        foreach (var verdict in verdicts) WriteSuite(xml, verdict);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, CheckVerdict verdict)
    {
        var summary = verdict.Summary;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(verdict.Input));
        xml.WriteAttributeString("tests", Count(verdict.Rules.Count));
        xml.WriteAttributeString("failures", Count(verdict.Failed));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", "0");
        if (summary.Start is { } start) xml.WriteAttributeString("timestamp", start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteStartElement("properties");
        Property(xml, "hits", Count(summary.Hits));
        Property(xml, "invalid", Count(summary.Invalid));
        if (summary.Start is { } s) Property(xml, "start", TimeFormat.Iso(s));
        if (summary.End is { } e) Property(xml, "end", TimeFormat.Iso(e));
        xml.WriteEndElement();
        foreach (var rule in verdict.Rules)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", rule.Rule);
            xml.WriteAttributeString("classname", "rxlog." + Clean(Path.GetFileName(verdict.Input)));
            xml.WriteAttributeString("time", "0");
            if (rule.Fired)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "alert");
                xml.WriteAttributeString("message", $"{rule.Rule}: {rule.Alerts} alert{(rule.Alerts == 1 ? "" : "s")}"
                    + (rule.StillAlerting ? ", still alerting at the end" : ""));
                xml.WriteString(string.Join("\n", rule.Entries.Select(entry => Clean(entry.Line))));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    // XML 1.0 cannot hold most control characters at all, even escaped: a file name is shown as the terminal shows it.
    private static string Clean(string text) => TerminalText.Sanitize(text);
}
