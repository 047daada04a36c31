using IntroProgram.Web.Tests.Support;

namespace IntroProgram.Web.Tests.Home;

/// <summary>
/// The page header says whose service the user is in: the signed-in user's municipality, never another's; the
/// platform operator, who belongs to none, sees no municipality.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class PageHeaderTests(AppFactory app)
{
    [Theory]
    [InlineData(Demo.BergenCoordinator, "/", "Bergen", "Tromsø")]
    [InlineData(Demo.BergenParticipant, "/me", "Bergen", "Tromsø")]
    [InlineData(Demo.TromsoCoordinator, "/participants", "Tromsø", "Bergen")]
    public async Task The_header_names_the_users_own_municipality(string email, string page, string own, string other)
    {
        using var client = await app.SignedInAsync(email);
        var html = await client.GetPageAsync(page);

        var shown = System.Text.RegularExpressions.Regex.Match(html, "<span class=\"site-municipality\">([^<]*)</span>");
        Assert.True(shown.Success, "the header shows no municipality");
        Assert.Contains(own, TestClient.Decode(shown.Groups[1].Value), StringComparison.Ordinal);
        Assert.DoesNotContain(other, TestClient.Decode(shown.Groups[1].Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_operator_sees_no_municipality_in_the_header()
    {
        using var client = await app.SignedInAsync(Demo.Operator);
        var html = await client.GetPageAsync("/platform/municipalities");
        Assert.DoesNotContain("site-municipality", html, StringComparison.Ordinal);
    }
}
