using System.Text.RegularExpressions;
using FluentValidation;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Web.Features.Shared;
using IntroProgram.Web.Identity;
using IntroProgram.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IntroProgram.Web.Features.Settings;

/// <summary>The municipality's own OpenID provider for its staff, as the tenant admin enters it.</summary>
public sealed class SignInProviderForm
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>Empty keeps the stored secret; the stored one is never shown.</summary>
    public string? ClientSecret { get; set; }
    public string? EmailClaim { get; set; } = "email";
    public bool PasswordSignInAllowed { get; set; } = true;
}

public sealed partial class SignInProviderFormValidator : FormValidator<SignInProviderForm>
{
    public SignInProviderFormValidator(IStringLocalizer<Ui> texts, IOptions<FederatedSignInOptions> federated) : base(texts)
    {
        var allowHttp = federated.Value.AllowHttpProviders;
        RuleFor(m => m.Authority).Filled(texts, "Settings.Provider.Authority")
            .Must(a => StaffSignInProvider.IsValidAuthority(a, allowHttp)).WithText(texts, "Settings.Provider.AuthorityInvalid");
        RuleFor(m => m.ClientId).Filled(texts, "Settings.Provider.ClientId")
            .NotLongerThan(StaffSignInProvider.MaxClientIdLength, texts, "Settings.Provider.ClientId");
        RuleFor(m => m.ClientSecret).NotLongerThan(500, texts, "Settings.Provider.ClientSecret");
        RuleFor(m => m.EmailClaim).Filled(texts, "Settings.Provider.EmailClaim")
            .NotLongerThan(StaffSignInProvider.MaxClaimLength, texts, "Settings.Provider.EmailClaim")
            .Must(c => c is not null && ClaimName().IsMatch(c)).WithText(texts, "Settings.Provider.EmailClaimInvalid");
    }

    [GeneratedRegex("^[A-Za-z0-9_:./-]+$")]
    private static partial Regex ClaimName();
}
