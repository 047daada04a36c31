namespace IntroProgram.Domain.Decisions;

public enum LeaveType
{
    Parental = 0,
    Illness = 1,
    Welfare = 2,
    Other = 3,
}
