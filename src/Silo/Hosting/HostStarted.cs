namespace UserAnalytics.Silo.Hosting;

/// <summary>Waits for the host to have started: a background service that calls grains must wait
/// until the silo has joined, or the cluster does not know the grain types yet.</summary>
internal static class HostStarted
{
    public static async Task WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
    }
}
