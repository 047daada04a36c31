using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Tests.Tenancy;

public sealed class MunicipalityTests
{
    [Theory]
    [InlineData("4601", true)]
    [InlineData("0301", true)]
    [InlineData("460", false)]
    [InlineData("46011", false)]
    [InlineData("46a1", false)]
    [InlineData("４６０１", false)] // full-width digits are not a kommunenummer
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Kommunenummer_is_exactly_four_ascii_digits(string? number, bool valid) =>
        Assert.Equal(valid, Municipality.IsValidNumber(number));

    [Theory]
    [InlineData("bergen", true)]
    [InlineData("nord-aurdal", true)]
    [InlineData("tromsø", false)]
    [InlineData("Bergen", false)]
    [InlineData("-bergen", false)]
    [InlineData("bergen-", false)]
    [InlineData("nord--aurdal", false)]
    [InlineData("", false)]
    public void Slug_is_lower_case_ascii_letters_digits_and_inner_hyphens(string slug, bool valid) =>
        Assert.Equal(valid, Municipality.IsValidSlug(slug));
}
