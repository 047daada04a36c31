namespace IntroProgram.Domain.Decisions;

/// <summary>A test result as the caseworker records it: a level per skill (Norwegian) or passed or not (social studies).</summary>
public sealed record TestResultInput
{
    public TestKind Kind { get; init; }
    public DateOnly? TakenOn { get; init; }
    public CefrLevel? Reading { get; init; }
    public CefrLevel? Listening { get; init; }
    public CefrLevel? Writing { get; init; }
    public CefrLevel? Oral { get; init; }
    public bool? Passed { get; init; }
    public string? Language { get; init; }
    public string? Note { get; init; }
}
