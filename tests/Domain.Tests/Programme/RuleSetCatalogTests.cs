using IntroProgram.Domain.Programme;
using static IntroProgram.Domain.Tests.Programme.TestDates;

namespace IntroProgram.Domain.Tests.Programme;

public class RuleSetCatalogTests
{
    private static readonly RuleSetCatalog Catalog = RuleSetCatalog.Standard;

    [Fact]
    public void Default_rule_set_is_the_introduction_act_with_the_numbers_of_the_design()
    {
        var r = Catalog.Default;

        Assert.Equal("introduksjonsloven-2003", r.Id);
        Assert.Equal(18, r.MinimumAge);
        Assert.Equal(55, r.MaximumAge);
        Assert.Equal(3, r.StartDeadlineMonths);
        Assert.Equal(24, r.NormalDurationMonths);
        Assert.Equal(36, r.MaximumDurationMonths);
        Assert.Equal(550m, r.NorwegianHoursRequired);
        Assert.Equal(50m, r.SocialStudiesHoursRequired);
        Assert.Equal(2400m, r.MaximumExtraNorwegianHours);
        Assert.Equal(37.5m, r.FullTimeHoursPerWeek);
        Assert.Equal(5, r.HolidayWeeksPerYear);
        Assert.Equal(1850m, r.BenefitHoursPerYear);
        Assert.Equal(2m, r.BenefitBaseAmountMultiplier);
        Assert.Equal(25, r.ReducedBenefitAgeLimit);
        Assert.Equal(new Fraction(2, 3), r.ReducedBenefitFactor);
        Assert.Equal(0.10m, r.UnexcusedAbsenceThreshold);
        Assert.Equal(36, r.EvidenceDeadlineMonths);
    }

    [Theory]
    [InlineData("2004-09-01", "introduksjonsloven-2003")]
    [InlineData("2020-12-31", "introduksjonsloven-2003")]
    [InlineData("2021-01-01", "integreringsloven-2021")]
    [InlineData("2025-06-15", "integreringsloven-2021")]
    public void Rule_set_is_chosen_by_permit_date(string permitDate, string expectedId)
    {
        Assert.Equal(expectedId, Catalog.ForPermitDate(D(permitDate)).Id);
    }

    [Fact]
    public void A_proposal_is_never_chosen_by_permit_date()
    {
        Assert.All(
            new[] { D("1999-01-01"), D("2021-01-01"), D("2040-01-01") },
            date => Assert.True(Catalog.ForPermitDate(date).IsEnacted));
    }

    [Fact]
    public void A_proposal_can_be_looked_up_by_id()
    {
        var proposal = Catalog.Get("forslag-aldersgrense-60");

        Assert.False(proposal.IsEnacted);
        Assert.Equal(60, proposal.MaximumAge);
    }

    [Fact]
    public void Raising_the_age_limit_changes_only_that_number()
    {
        var proposal = StandardRuleSets.UpperAge60Proposal;
        var sameExceptAge = StandardRuleSets.IntegrationAct2021 with
        {
            Id = proposal.Id,
            DisplayName = proposal.DisplayName,
            PermitDatesFrom = proposal.PermitDatesFrom,
            PermitDatesTo = proposal.PermitDatesTo,
            IsEnacted = proposal.IsEnacted,
            MaximumAge = 60,
        };

        Assert.Equal(sameExceptAge, proposal);
    }

    [Fact]
    public void Integration_act_requires_75_hours_of_social_studies()
    {
        Assert.Equal(75m, Catalog.Get("integreringsloven-2021").SocialStudiesHoursRequired);
    }

    [Fact]
    public void Looking_up_an_unknown_id_throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Catalog.Get("no-such-rule-set"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-rule-set")]
    public void Trying_an_unknown_id_returns_false(string? id)
    {
        Assert.False(Catalog.TryGet(id, out var ruleSet));
        Assert.Null(ruleSet);
    }

    [Fact]
    public void Trying_a_known_id_returns_the_rule_set()
    {
        Assert.True(Catalog.TryGet("integreringsloven-2021", out var ruleSet));
        Assert.Same(StandardRuleSets.IntegrationAct2021, ruleSet);
    }

    [Fact]
    public void A_catalog_can_hold_a_new_law_as_data()
    {
        var old = StandardRuleSets.IntroductionAct2003 with { PermitDatesTo = D("2029-12-31") };
        var newLaw = old with { Id = "ny-lov-2030", PermitDatesFrom = D("2030-01-01"), PermitDatesTo = null, MaximumAge = 60 };
        var catalog = new RuleSetCatalog([old, newLaw], old.Id);

        Assert.Equal(55, catalog.ForPermitDate(D("2029-12-31")).MaximumAge);
        Assert.Equal(60, catalog.ForPermitDate(D("2030-01-01")).MaximumAge);
    }

    [Fact]
    public void A_catalog_with_duplicate_ids_is_rejected()
    {
        var r = StandardRuleSets.IntroductionAct2003 with { PermitDatesTo = null };

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([r, r with { IsEnacted = false }], r.Id));
    }

    [Fact]
    public void A_catalog_whose_default_is_missing_is_rejected()
    {
        var r = StandardRuleSets.IntroductionAct2003 with { PermitDatesTo = null };

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([r], "missing"));
    }

    [Fact]
    public void A_catalog_with_a_gap_between_permit_date_ranges_is_rejected()
    {
        var first = StandardRuleSets.IntroductionAct2003;
        var second = StandardRuleSets.IntegrationAct2021 with { PermitDatesFrom = D("2021-01-02") };

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([first, second], first.Id));
    }

    [Fact]
    public void A_catalog_with_overlapping_permit_date_ranges_is_rejected()
    {
        var first = StandardRuleSets.IntroductionAct2003;
        var second = StandardRuleSets.IntegrationAct2021 with { PermitDatesFrom = D("2020-12-31") };

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([first, second], first.Id));
    }

    [Fact]
    public void A_catalog_whose_latest_rule_set_has_ended_is_rejected()
    {
        var first = StandardRuleSets.IntroductionAct2003;

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([first], first.Id));
    }

    [Fact]
    public void A_catalog_whose_earliest_rule_set_has_a_lower_bound_is_rejected()
    {
        var only = StandardRuleSets.IntegrationAct2021;

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([only], only.Id));
    }

    [Fact]
    public void A_catalog_without_an_enacted_rule_set_is_rejected()
    {
        var proposal = StandardRuleSets.UpperAge60Proposal;

        Assert.Throws<ArgumentException>(() => new RuleSetCatalog([proposal], proposal.Id));
    }
}
