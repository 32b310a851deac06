using RxLog.Aggregation;
using RxLog.Parsing;
using Xunit;

namespace RxLog.Tests.Aggregation;

/// <summary>One pass over a record counts it for every rule whose scope admits it, whether the parser said where it
/// interned the section and client or not, and whatever the number of rules.</summary>
public class RuleScopesTests
{
    private static readonly StatusMatch Class5 = new(5, IsClass: true);
    private static readonly StatusMatch NotFound = new(404, IsClass: false);

    private static readonly (RuleScope, bool)[] Slots =
    [
        (new RuleScope(Section: "/api"), false),
        (new RuleScope(Section: "/a*"), false),
        (new RuleScope(Status: Class5), false),
        (new RuleScope(Section: "/api", Status: Class5), false),
        (new RuleScope(Status: NotFound), false),
        (new RuleScope(Client: "10.0.*"), false),
        (new RuleScope(Section: "/admin", Client: "10.0.0.1"), false),
        (RuleScope.All, true),
    ];

    private static LogRecord Hit(string? section, short status, string? client = "192.0.2.1", long micros = -1) =>
        new(100, 0, section, status, 10, micros, client);

    private static readonly (LogRecord Record, long[] Expected)[] Cases =
    [
        (Hit("/api", 200), [1, 1, 0, 0, 0, 0, 0, 1]),
        (Hit("/api", 503), [1, 1, 1, 1, 0, 0, 0, 1]),
        (Hit("/admin", 404, "10.0.0.1"), [0, 1, 0, 0, 1, 1, 1, 1]),
        (Hit("/admin", 500, "10.0.0.2"), [0, 1, 1, 0, 0, 1, 0, 1]),
        (Hit(null, 502), [0, 0, 1, 0, 0, 0, 0, 1]),                 // no section: only scopes without one
        (Hit("/blog", 0, null), [0, 0, 0, 0, 0, 0, 0, 1]),          // no status written, no client
        (Hit("/api", 999), [1, 1, 0, 0, 0, 0, 0, 1]),
    ];

    [Fact]
    public void Each_record_counts_in_exactly_the_slots_its_status_section_and_client_admit()
    {
        foreach (var (record, expected) in Cases)
        {
            var scopes = new RuleScopes(Slots);
            var tally = scopes.NewTally();
            scopes.Count(record, "access.log", tally);
            Assert.Equal(expected, tally.Hits);

            var byEntry = new RuleScopes(Slots);
            var entryTally = byEntry.NewTally();
            byEntry.Count(record, new InternedEntries(7, 3), "access.log", entryTally);
            Assert.Equal(expected, entryTally.Hits);
        }
    }

    [Fact]
    public void An_intern_entry_that_comes_to_stand_for_another_section_is_matched_anew()
    {
        // The parser's table started over: entry 5 held "/api", now holds "/blog" (another string instance).
        var scopes = new RuleScopes(Slots);
        var tally = scopes.NewTally();
        scopes.Count(Hit("/api", 200), new InternedEntries(5, 1), "-", tally);
        scopes.Count(Hit(new string("/blog".AsSpan()), 200), new InternedEntries(5, 1), "-", tally);
        scopes.Count(Hit(new string("/api".AsSpan()), 200), new InternedEntries(5, 1), "-", tally);
        Assert.Equal(2, tally.Hits[0]);
        Assert.Equal(3, tally.Hits[7]);
    }

    [Fact]
    public void Response_times_are_kept_for_timed_slots_only_and_only_when_the_line_carries_one()
    {
        var scopes = new RuleScopes(Slots);
        var tally = scopes.NewTally();
        scopes.Count(Hit("/api", 200, micros: 250_000), "-", tally);
        scopes.Count(Hit("/api", 200), "-", tally);
        Assert.Null(tally.Times[0]);
        Assert.Equal(1, tally.Times[7]!.Count);
        Assert.Equal(2, tally.Hits[7]);
    }

    [Fact]
    public void Past_64_rules_every_rule_still_counts_what_its_scope_admits()
    {
        // 70 slots: the scopes above ten times over (the bit masks hold 64).
        var many = Enumerable.Range(0, 10).SelectMany(_ => Slots).ToArray();
        foreach (var (record, expected) in Cases)
        {
            var scopes = new RuleScopes(many);
            var tally = scopes.NewTally();
            scopes.Count(record, new InternedEntries(1, 1), "-", tally);
            Assert.Equal(Enumerable.Range(0, 10).SelectMany(_ => expected), tally.Hits);
        }
    }

    [Fact]
    public void A_source_scope_counts_the_lines_of_the_files_it_names_only()
    {
        (RuleScope, bool)[] slots =
        [
            (new RuleScope(Source: "api.log"), false),
            (new RuleScope(Source: "*/nginx/*.log", Status: Class5), false),
            (new RuleScope(Source: "-"), false),
            (new RuleScope(Source: Path.GetFullPath("api.log")), false),   // the absolute path of a relative argument
            (RuleScope.All, false),
        ];
        foreach (bool byEntry in new[] { false, true })
        {
            var scopes = new RuleScopes(slots);
            var tally = scopes.NewTally();
            void Count(LogRecord record, string? source)
            {
                if (byEntry) scopes.Count(record, new InternedEntries(0, 0), source, tally);
                else scopes.Count(record, source, tally);
            }
            Count(Hit("/api", 200), "api.log");
            Count(Hit("/api", 503), "/var/log/nginx/web.log");
            Count(Hit("/api", 200), "/var/log/nginx/web.log");
            Count(Hit("/api", 503), "-");
            Count(Hit("/api", 503), null);   // unknown: only unscoped rules
            Assert.Equal([1, 1, 1, 1, 5], tally.Hits);
        }
    }

    [Theory]
    [InlineData("/?", "/😀", true)]          // one character, two UTF-16 units
    [InlineData("/?", "/～", true)]
    [InlineData("/?", "/ab", false)]
    [InlineData("/??", "/😀", false)]
    [InlineData("/*/?", "/a/😀", true)]
    [InlineData("/a*?", "/a😀😀", true)]
    [InlineData("/*x", "/😀x", true)]
    [InlineData("/api*", "/apiv2", true)]
    [InlineData("/api*", "/ap", false)]
    public void A_question_mark_in_a_glob_takes_one_character_as_a_user_sees_it(string pattern, string section, bool matches) =>
        Assert.Equal(matches, Glob.Matches(pattern, section));
}

