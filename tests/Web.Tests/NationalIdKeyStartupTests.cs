using IntroProgram.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntroProgram.Web.Tests;

/// <summary>
/// The national-id lookup key comes from configuration (a deployment fills it from its secret store, see README). A
/// node that starts without it would hash national ids differently from the others, or fail on the first participant
/// page: it must not start at all, and must say which setting is missing.
/// </summary>
[Collection(AppSuite.Name)]
public sealed class NationalIdKeyStartupTests(AppFactory app)
{
    [Theory]
    [InlineData("")]
    [InlineData("a-key-of-31-characters-01234567")]
    public void The_app_refuses_to_start_without_a_usable_national_id_lookup_key(string key)
    {
        using var withoutKey = app.WithWebHostBuilder(b => b.UseSetting("ParticipantData:NationalIdLookupKey", key));

        var error = Assert.ThrowsAny<Exception>(() => withoutKey.CreateClient());

        Assert.Contains("ParticipantData:NationalIdLookupKey must be set to a secret of at least 32 characters.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_32_characters_is_enough_to_start()
    {
        await using var withKey = app.WithWebHostBuilder(b => b.UseSetting("ParticipantData:NationalIdLookupKey", "a-key-of-32-characters-012345678"));
        using var client = withKey.CreateClient();

        var live = await client.GetAsync("/health/live");

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }
}
