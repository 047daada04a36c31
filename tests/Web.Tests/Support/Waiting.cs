namespace IntroProgram.Web.Tests.Support;

/// <summary>Waiting for something another process or a background job does: real time, never the test clock.</summary>
public static class Waiting
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
        return await condition();
    }
}
