namespace IntroProgram.Browser.Tests.Support;

/// <summary>The demo accounts of seeds/demo.json (development only).</summary>
public static class DemoUsers
{
    public const string Password = "Demo-password-2026";
    public const string Operator = "operator@demo.introprogram.no";
    public const string Admin = "admin@bergen.demo.introprogram.no";
    public const string Coordinator = "koordinator@bergen.demo.introprogram.no";
    public const string Caseworker = "saksbehandler@bergen.demo.introprogram.no";
    public const string Participant = "deltaker@bergen.demo.introprogram.no";

    /// <summary>Role name (used in test names, file names and messages; never personal data) → demo login.</summary>
    public static string EmailOf(string role) => role switch
    {
        "operator" => Operator,
        "admin" => Admin,
        "coordinator" => Coordinator,
        "caseworker" => Caseworker,
        "participant" => Participant,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
