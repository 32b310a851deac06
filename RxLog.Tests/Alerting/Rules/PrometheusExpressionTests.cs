using RxLog.Aggregation;
using RxLog.Alerting.Rules;

namespace RxLog.Tests.Alerting.Rules;

/// <summary>Each kind of rule as PromQL, each scope the metrics cannot express refused with its reason, and the
/// escaping that keeps text from a rules file what it is in PromQL, YAML and Prometheus's templates.</summary>
public sealed class PrometheusExpressionTests
{
    private static readonly RuleScope All = RuleScope.All;

    public static TheoryData<AlertRule, string> Expressible() => new()
    {
        { new AlertRule("a", RuleKind.Rate, 10, 120, All), "sum(rate(rxlog_requests_total[2m])) > 10" },
        { new AlertRule("a", RuleKind.Rate, 0.5, 60, new RuleScope(Status: new StatusMatch(4, true))),
            "sum(rate(rxlog_requests_total{status_class=\"4xx\"}[1m])) > 0.5" },
        { new AlertRule("a", RuleKind.Rate, 2, 90, new RuleScope(Section: "/api")),
            "sum(rate(rxlog_section_requests_total{section=\"/api\"}[1m30s])) > 2" },
        { new AlertRule("a", RuleKind.Rate, 2, 60, new RuleScope(Section: "/v?.api*")),
            "sum(rate(rxlog_section_requests_total{section=~\"/v.\\\\.api.*\"}[1m])) > 2" },
        { new AlertRule("a", RuleKind.Ratio, 0.05, 120, new RuleScope(Status: new StatusMatch(5, true)), MinHits: 100),
            "sum(rate(rxlog_requests_total{status_class=\"5xx\"}[2m])) / sum(rate(rxlog_requests_total[2m])) > 0.05"
            + " and sum(increase(rxlog_requests_total[2m])) >= 100" },
        { new AlertRule("a", RuleKind.Ratio, 0.5, 60, new RuleScope(Section: "/api")),
            "sum(rate(rxlog_section_requests_total{section=\"/api\"}[1m])) / sum(rate(rxlog_requests_total[1m])) > 0.5" },
        { new AlertRule("a", RuleKind.Latency, 250_000, 120, All, Percentile: 99.9),
            "histogram_quantile(0.999, sum by (le) (rate(rxlog_request_duration_seconds_bucket[2m]))) > 0.25" },
        { new AlertRule("a", RuleKind.Latency, 1_500_000, 3600, All, MinHits: 10),
            "histogram_quantile(0.95, sum by (le) (rate(rxlog_request_duration_seconds_bucket[1h]))) > 1.5"
            + " and sum(increase(rxlog_request_duration_seconds_count[1h])) >= 10" },
        { new AlertRule("a", RuleKind.Silence, 600, 600, All), "sum(increase(rxlog_requests_total[10m])) == 0" },
        { new AlertRule("a", RuleKind.Silence, 600, 600, new RuleScope(Status: new StatusMatch(2, true))),
            "sum(increase(rxlog_requests_total{status_class=\"2xx\"}[10m])) == 0" },
        { new AlertRule("a", RuleKind.Silence, 600, 600, new RuleScope(Section: "/checkout")),
            "(sum(increase(rxlog_section_requests_total{section=\"/checkout\"}[10m])) or 0 * sum(rxlog_requests_total offset 10m)) == 0" },
    };

    [Theory]
    [MemberData(nameof(Expressible))]
    public void A_rule_the_metrics_can_express_becomes_its_expression(AlertRule rule, string expected)
    {
        Assert.True(PrometheusExpression.TryOf(rule, out string expression, out string whyNot), whyNot);
        Assert.Equal(expected, expression);
    }

    public static TheoryData<AlertRule, string> NotExpressible() => new()
    {
        { new AlertRule("a", RuleKind.Rate, 1, 60, new RuleScope(Status: new StatusMatch(404, false))), "status 404 is a code" },
        { new AlertRule("a", RuleKind.Ratio, 0.1, 60, new RuleScope(Status: new StatusMatch(1, true))), "status 1xx" },
        { new AlertRule("a", RuleKind.Rate, 1, 60, new RuleScope(Section: "/api", Status: new StatusMatch(5, true))), "a section and a status" },
        { new AlertRule("a", RuleKind.Latency, 1e6, 60, new RuleScope(Section: "/api")), "a scoped latency rule" },
        { new AlertRule("a", RuleKind.Latency, 1e6, 60, new RuleScope(Status: new StatusMatch(5, true))), "a scoped latency rule" },
        { new AlertRule("a", RuleKind.Rate, 1, 60, new RuleScope(Client: "10.0.0.*")), "a client scope" },
        { new AlertRule("a", RuleKind.Silence, 60, 60, new RuleScope(Section: "/api", Source: "-")), "a source scope" },
    };

    [Theory]
    [MemberData(nameof(NotExpressible))]
    public void A_rule_the_metrics_cannot_express_says_why(AlertRule rule, string reasonStart)
    {
        Assert.False(PrometheusExpression.TryOf(rule, out _, out string whyNot));
        Assert.StartsWith(reasonStart, whyNot);
    }

    [Theory]
    [InlineData(1, "1s")]
    [InlineData(30, "30s")]
    [InlineData(120, "2m")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(3661, "1h1m1s")]
    [InlineData(86400, "24h")]
    public void Durations_are_written_as_Prometheus_reads_them(int seconds, string expected) =>
        Assert.Equal(expected, PrometheusExpression.Duration(seconds));

    [Theory]
    [InlineData("/api*", "/api.*")]
    [InlineData("/a?c", "/a.c")]
    [InlineData(@"/x.+(|)[]{}^$\y*", @"/x\.\+\(\|\)\[\]\{\}\^\$\\y.*")]
    public void A_glob_becomes_an_anchored_RE2_pattern_with_every_metacharacter_literal(string glob, string expected) =>
        Assert.Equal(expected, PrometheusExpression.GlobRegex(glob));

    [Fact]
    public void A_PromQL_string_escapes_backslash_quote_and_control_characters() =>
        Assert.Equal("\"a\\\\b\\\"c\\nd\\u001b\"", PrometheusExpression.Quoted("a\\b\"c\nd\u001b"));

    [Fact]
    public void A_YAML_scalar_escapes_what_YAML_does_not_take_printed_and_keeps_the_rest() =>
        Assert.Equal("\"a\\\\b\\\"c\\u000ad\\u001b\\u2028é😀\\ufffd\"",
            PrometheusRules.Quoted("a\\b\"c\nd\u001b\u2028é😀\ud800"));
}
