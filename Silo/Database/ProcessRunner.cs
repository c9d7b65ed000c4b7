using System.Diagnostics;
using System.Text;

namespace CatalogHub.Silo.Database;

internal static class ProcessRunner
{
    public static async Task<string> RunAsync(ProcessStartInfo start, string what, CancellationToken ct)
    {
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalPostgresException($"Could not start {start.FileName} ({what}): {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        process.WaitForExit(); // flushes the asynchronous output readers
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        if (process.ExitCode != 0)
        {
            throw new LocalPostgresException($"{what} failed with exit code {process.ExitCode}:{Environment.NewLine}{text.Trim()}");
        }

        return text;
    }
}
