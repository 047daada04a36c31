namespace IntroProgram.Domain.Decisions;

public enum TestKind
{
    Norwegian = 0,
    SocialStudies = 1,
}
