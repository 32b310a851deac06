using RxLog.Aggregation;
using RxLog.Alerting;

namespace RxLog.Tests.Alerting;

/// <summary>CONTRACT.md "Alerts" as the pure step of a Scan: one decision per boundary, from the window's integer total.</summary>
public class AlertDecisionTests
{
    private static ClosedSecond Closed(long second) => new(second, 0, 0, null, null, null, TimeSpan.Zero, null);

    private static WindowTotal Total(long closedSecond, long hits, long? nextLeave = null) =>
        new(Closed(closedSecond), hits, nextLeave);

    private static AlertDecision Alerting(double threshold, int window) =>
        AlertDecision.None(threshold, window).Next(Total(0, long.MaxValue / 2));

    [Fact]
    public void Before_the_first_boundary_nothing_is_in_the_window_and_no_alert_is_active()
    {
        var none = AlertDecision.None(1, 10);

        Assert.Equal((0L, false, AlertTransition.None, 0), (none.WindowHits, none.Alerting, none.Transition, none.AlertsRaised));
    }

    [Theory]
    [InlineData(11, true, AlertTransition.Raised)]
    [InlineData(10, false, AlertTransition.None)]     // avg == T changes nothing
    [InlineData(9, false, AlertTransition.None)]
    [InlineData(0, false, AlertTransition.None)]
    public void When_not_alerting_only_an_average_above_the_threshold_raises(long windowHits, bool alerting,
        AlertTransition transition)
    {
        var decision = AlertDecision.None(threshold: 1, windowSeconds: 10).Next(Total(41, windowHits));

        Assert.Equal((alerting, transition), (decision.Alerting, decision.Transition));
    }

    [Theory]
    [InlineData(9, false, AlertTransition.Recovered)]
    [InlineData(10, true, AlertTransition.None)]      // avg == T changes nothing
    [InlineData(11, true, AlertTransition.None)]
    [InlineData(1000, true, AlertTransition.None)]
    public void When_alerting_only_an_average_below_the_threshold_recovers(long windowHits, bool alerting,
        AlertTransition transition)
    {
        var decision = Alerting(threshold: 1, window: 10).Next(Total(41, windowHits));

        Assert.Equal((alerting, transition), (decision.Alerting, decision.Transition));
    }

    [Theory]
    [InlineData(1.0, 10, 10)]
    [InlineData(0.1, 10, 1)]
    [InlineData(0.5, 4, 2)]
    [InlineData(10.0, 120, 1200)]
    [InlineData(2.5, 120, 300)]
    public void An_average_exactly_at_the_threshold_neither_raises_nor_recovers(double threshold, int window, long hits)
    {
        var fromCalm = AlertDecision.None(threshold, window).Next(Total(5, hits));
        var fromAlert = Alerting(threshold, window).Next(Total(5, hits));

        Assert.Equal((false, AlertTransition.None, true, AlertTransition.None),
            (fromCalm.Alerting, fromCalm.Transition, fromAlert.Alerting, fromAlert.Transition));
    }

    [Fact]
    public void An_alert_is_raised_at_the_boundary_of_the_total_that_exceeds_the_threshold()
    {
        var raised = AlertDecision.None(1, 10).Next(Total(41, 11, nextLeave: 45));

        Assert.Equal((42L, 11L, 1.1, 42L, 1, (long?)45),
            (raised.Boundary, raised.WindowHits, raised.Average, raised.RaisedAt, raised.AlertsRaised, raised.NextLeave));
    }

    [Fact]
    public void A_recovery_keeps_the_boundary_its_alert_was_raised_at_and_the_next_alert_counts_again()
    {
        var decisions = new List<AlertDecision>();
        var decision = AlertDecision.None(1, 10);
        foreach (var (second, hits) in new[] { (41L, 11L), (50L, 12L), (51L, 9L), (60L, 10L), (70L, 11L), (80L, 0L) })
            decisions.Add(decision = decision.Next(Total(second, hits)));

        Assert.Equal(new[]
        {
            "42 Raised alerting=True raisedAt=42 alerts=1",
            "51 None alerting=True raisedAt=42 alerts=1",
            "52 Recovered alerting=False raisedAt=42 alerts=1",
            "61 None alerting=False raisedAt=42 alerts=1",
            "71 Raised alerting=True raisedAt=71 alerts=2",
            "81 Recovered alerting=False raisedAt=71 alerts=2",
        }, decisions.Select(d => $"{d.Boundary} {d.Transition} alerting={d.Alerting} raisedAt={d.RaisedAt} alerts={d.AlertsRaised}"));
    }

    [Fact]
    public void Each_decision_carries_its_own_total_second_and_next_leave_whatever_the_transition()
    {
        var first = AlertDecision.None(1, 10).Next(Total(3, 4, nextLeave: 14));
        var second = first.Next(Total(7, 2, nextLeave: 18));

        Assert.Equal((8L, 2L, 0.2, (long?)18, AlertTransition.None),
            (second.Boundary, second.WindowHits, second.Average, second.NextLeave, second.Transition));
    }
}
