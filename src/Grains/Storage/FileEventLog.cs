using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UserAnalytics.Grains.Storage;

/// <summary>The embedded log: one append-only, checksummed file per stream in a local directory.
/// Needs no server.</summary>
public sealed class FileEventLog : IEventLog
{
    private readonly FileEventLogOptions _options;
    private readonly ILogger<FileEventLog> _logger;

    public FileEventLog(IOptions<FileEventLogOptions> options, ILogger<FileEventLog> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public Task<ILogStream> OpenAsync(string name, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.Directory);
        var path = Path.Combine(_options.Directory, name + ".log");
        return Task.FromResult<ILogStream>(new FileLogStream(name, path, _logger));
    }
}
