namespace IntroProgram.Web.Identity;

public sealed class SecurityOptions
{
    /// <summary>Platform operators must use two-factor authentication (they have no municipality to set it).</summary>
    public bool RequireTwoFactorForOperators { get; set; } = true;
    /// <summary>How often a signed-in session is re-checked against the user's security stamp.</summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Staff and participants are signed out after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Sign-in attempts per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>Requests to the public certificate verification page per minute from one address.</summary>
    public int VerificationRequestsPerMinute { get; set; } = 30;
    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}

public static class AppClaims
{
    public const string DisplayName = "ip:name";
    /// <summary>Present while a user who must use two-factor authentication has not enrolled yet.</summary>
    public const string TwoFactorSetupRequired = "ip:2fa-setup";
    /// <summary>A participant's preferred language (from their participant record): the default for their pages.</summary>
    public const string Language = "ip:lang";
    /// <summary>The name of the user's municipality, for the page header.</summary>
    public const string MunicipalityName = "ip:municipality";
}
