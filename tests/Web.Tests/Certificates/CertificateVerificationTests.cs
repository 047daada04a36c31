using System.Net;
using System.Net.Http.Headers;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Certificates;
using IntroProgram.Web.Tests.Participants;
using IntroProgram.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Web.Tests.Certificates;

/// <summary>The public verification page: valid, revoked, unknown; what it shows and hides; comparing an uploaded file.</summary>
[Collection(AppSuite.Name)]
public sealed class CertificateVerificationTests(AppFactory app)
{
    private async Task<(CertificateWorld World, TestParticipant Participant, Guid Id, string Code)> IssuedAsync()
    {
        var world = await app.CaseworkerWorldAsync();
        var p = await app.ParticipantWithHoursAsync(world.Number, 553.25m, 75m, d => d with { GivenName = "Kari Åshild", FamilyName = "Nordbø" });
        var id = CertificateTestSupport.CertificateIdFrom(await world.Client.IssueAsync(p.Id, "evidence"));
        var code = (await app.CertificateAsync(world.TenantId, id)).VerificationCode;
        return (world, p, id, code);
    }

    [Fact]
    public async Task A_valid_certificate_shows_kind_municipality_hours_initials_and_birth_year_but_not_the_name_or_id()
    {
        var (world, p, _, code) = await IssuedAsync();
        using var _ = world.Client;
        using var anonymous = app.CreateTestClient();

        var response = await anonymous.GetAsync($"/verify/{code}");
        var page = TestClient.Decode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Beviset er ekte og gyldig.", page);
        Assert.Contains("Bekreftelse på gjennomført opplæring (permanent opphold)", page);
        Assert.Contains($"Initialer KÅN, født {p.Details.BirthDate!.Value.Year}", page);
        Assert.Contains("553,25", page);
        Assert.DoesNotContain("Nordbø", page);
        Assert.DoesNotContain("Kari", page);
        Assert.DoesNotContain(p.NationalId, page);
        Assert.DoesNotContain(p.NationalId[..6], page);
        Assert.DoesNotContain(p.Details.BirthDate!.Value.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task A_revoked_certificate_is_shown_as_revoked()
    {
        var (world, _, id, code) = await IssuedAsync();
        using var _ = world.Client;
        await using (var scope = app.Services.GetRequiredService<IntroProgram.Infrastructure.Tenancy.TenantScopeFactory>().ForTenant(world.TenantId))
        {
            var result = await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().RevokeAsync(id, "Utstedt ved en feil.", world.Caseworker.Id);
            Assert.True(result.Succeeded);
        }
        using var anonymous = app.CreateTestClient();

        var page = TestClient.Decode(await anonymous.GetPageAsync($"/verify/{code}"));

        Assert.Contains("Beviset er trukket tilbake og er ikke lenger gyldig.", page);
        Assert.DoesNotContain("Beviset er ekte og gyldig.", page);
        Assert.DoesNotContain("Utstedt ved en feil.", page); // the reason is the municipality's business
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("not-a-code")]
    [InlineData("%27%20OR%201%3D1--")]
    public async Task An_unknown_code_answers_404_with_a_plain_message(string code)
    {
        using var anonymous = app.CreateTestClient();

        var response = await anonymous.GetAsync($"/verify/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Vi finner ikke noe bevis med denne koden.", TestClient.Decode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_uploaded_copy_is_reported_as_matching_and_a_tampered_one_as_not_matching()
    {
        var (world, _, id, code) = await IssuedAsync();
        using var _ = world.Client;
        var original = await world.Client.Http.GetByteArrayAsync($"/certificates/{id}/pdf");
        var tampered = (byte[])original.Clone();
        var at = Array.LastIndexOf(tampered, (byte)'5'); // change one digit somewhere in the file
        tampered[at] = (byte)'6';
        using var anonymous = app.CreateTestClient();

        var same = await UploadAsync(anonymous, code, original);
        var changed = await UploadAsync(anonymous, code, tampered);
        var none = await UploadAsync(anonymous, code, null);

        Assert.Contains("Filen er nøyaktig lik beviset kommunen utstedte.", same);
        Assert.Contains("Filen er IKKE lik beviset kommunen utstedte.", changed);
        Assert.Contains("Velg en PDF-fil å sammenligne.", none);
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_without_an_error_page()
    {
        var (world, _, _, code) = await IssuedAsync();
        using var _ = world.Client;
        using var anonymous = app.CreateTestClient();
        var page = await anonymous.GetPageAsync($"/verify/{code}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[6 * 1024 * 1024]), "document", "stor.pdf" },
        };

        var response = await anonymous.Http.PostAsync($"/verify/{code}", form);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, response.StatusCode.ToString());
    }

    [Fact]
    public async Task The_verification_page_is_rate_limited_per_address()
    {
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("Security:VerificationRequestsPerMinute", "3"));
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<string> UploadAsync(TestClient client, string code, byte[]? pdf)
    {
        var page = await client.GetPageAsync($"/verify/{code}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        if (pdf is not null)
        {
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "document", "bevis.pdf");
        }
        var response = await client.Http.PostAsync($"/verify/{code}", form);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        return TestClient.Decode(await response.Content.ReadAsStringAsync());
    }
}
