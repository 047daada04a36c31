namespace IntroProgram.Web.Tests.Support;

public static class Demo
{
    public const string Operator = "operator@demo.introprogram.no";
    public const string BergenAdmin = "admin@bergen.demo.introprogram.no";
    public const string BergenCoordinator = "koordinator@bergen.demo.introprogram.no";
    public const string BergenCaseworker = "saksbehandler@bergen.demo.introprogram.no";
    public const string BergenParticipant = "deltaker@bergen.demo.introprogram.no";
    public const string TromsoAdmin = "admin@tromso.demo.introprogram.no";
    public const string TromsoCoordinator = "koordinator@tromso.demo.introprogram.no";
}
