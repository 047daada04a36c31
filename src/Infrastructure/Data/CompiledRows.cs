namespace IntroProgram.Infrastructure.Data;

/// <summary>The rows of a compiled list query (<c>EF.CompileAsyncQuery</c> returns them as an async stream).</summary>
public static class CompiledRows
{
    public static async Task<List<T>> ListAsync<T>(this IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }
        return list;
    }
}
