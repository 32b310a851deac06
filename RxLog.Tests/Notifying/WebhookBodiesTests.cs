using System.Text.Json;
using RxLog.Notifying;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Notifying;

/// <summary>What each webhook POSTs: Slack's message with log text that cannot mention or link, and Alertmanager's
/// alert with the labels, annotations and times its API reads.</summary>
public class WebhookBodiesTests
{
    private static AlertNotice Notice(string @event, string message, IReadOnlyList<KeyValuePair<string, string>>? labels = null,
        string? summary = null) =>
        new(@event, "api_errors", 0.25, 0.1, "2026-01-01T10:02:00+00:00", message, labels ?? [], "{}", summary)
        {
            Since = "2026-01-01T10:00:30+00:00",
        };

    [Fact]
    public void Slack_gets_the_line_as_text_and_a_section_cannot_ping_the_channel_or_make_a_link()
    {
        string body = WebhookBodies.Slack(Notice("alert", "Rule api_errors alert - /<!channel> & <https://evil.example|click>"));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("Rule api_errors alert - /&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
            json.RootElement.GetProperty("text").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
    }

    [Fact]
    public void Slack_gets_the_time_offset_and_text_beyond_ascii_as_written_not_as_unicode_escapes()
    {
        string body = WebhookBodies.Slack(Notice("alert", "Rule api_errors alert - /café triggered at 2026-01-01T10:02:00+00:00"));

        Assert.Equal("{\"text\":\"Rule api_errors alert - /café triggered at 2026-01-01T10:02:00+00:00\"}", body);
    }

    [Fact]
    public void Alertmanager_gets_one_alert_named_by_the_rule_with_its_labels_and_an_end_four_resends_ahead_while_firing()
    {
        var notice = Notice("alert", "Rule api_errors alert - 25% of requests failed",
            [new("severity", "page"), new("team", "web"), new("alertname", "ignored")], summary: "API failing");

        string body = WebhookBodies.Alertmanager(notice, "web-1", At(130), TimeSpan.FromMinutes(4));

        using var json = JsonDocument.Parse(body);
        var alert = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("""{"alertname":"api_errors","instance":"web-1","severity":"page","team":"web"}""",
            alert.GetProperty("labels").GetRawText());
        Assert.Equal("API failing", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("Rule api_errors alert - 25% of requests failed",
            alert.GetProperty("annotations").GetProperty("description").GetString());
        Assert.Equal("2026-01-01T10:00:30+00:00", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-01-01T10:06:10+00:00", alert.GetProperty("endsAt").GetString());   // 10:02:10 + 4 min
    }

    [Fact]
    public void Alertmanager_gets_a_recovery_as_the_same_alert_ended_when_it_recovered_and_a_rules_instance_label_wins()
    {
        var notice = Notice("recovered", "Rule api_errors recovered", [new("instance", "lb-1")]);

        string body = WebhookBodies.Alertmanager(notice, "web-1", At(130), TimeSpan.FromMinutes(4));

        using var json = JsonDocument.Parse(body);
        var alert = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("""{"alertname":"api_errors","instance":"lb-1"}""", alert.GetProperty("labels").GetRawText());
        Assert.Equal("Rule api_errors recovered", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("2026-01-01T10:00:30+00:00", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-01-01T10:02:00+00:00", alert.GetProperty("endsAt").GetString());
    }

    [Theory]
    [InlineData("http://am:9093", "http://am:9093/api/v2/alerts")]
    [InlineData("http://am:9093/", "http://am:9093/api/v2/alerts")]
    [InlineData("https://ops.example/alertmanager/", "https://ops.example/alertmanager/api/v2/alerts")]
    [InlineData("http://am:9093/api/v2/alerts", "http://am:9093/api/v2/alerts")]
    public void Alertmanager_is_given_as_people_write_its_address_and_rxlog_posts_to_its_alerts_api(string given, string posted) =>
        Assert.Equal(posted, RxLog.Cli.AlertNotifications.AlertmanagerAlerts(given));
}
