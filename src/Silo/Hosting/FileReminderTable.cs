using System.Text.Json;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Durable reminders for the embedded mode: the table is a JSON file in the data directory,
/// rewritten atomically (temporary file, fsync, rename) on every change. Reminders change rarely
/// (segment schedules), so simplicity wins over throughput here; production uses PostgreSQL.
/// </summary>
internal sealed class FileReminderTable : IReminderTable
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = [];

    public FileReminderTable(DataDirectory dataDirectory)
    {
        _path = Path.Combine(dataDirectory.Path, "reminders.json");
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            return;
        }
        var saved = JsonSerializer.Deserialize<List<SavedReminder>>(await File.ReadAllTextAsync(_path, cancellationToken)) ?? [];
        _rows = saved.Select(r => r.ToEntry()).ToDictionary(r => (r.GrainId, r.ReminderName));
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        await Locked(() => new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).ToList()));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        await Locked(() => new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).ToList()));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        await Locked(() => _rows.GetValueOrDefault((grainId, reminderName)));

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await _gate.WaitAsync();
        try
        {
            entry.ETag = Guid.NewGuid().ToString("N");
            _rows[(entry.GrainId, entry.ReminderName)] = entry;
            await SaveAsync();
            return entry.ETag;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag)
            {
                return false;
            }
            _rows.Remove((grainId, reminderName));
            await SaveAsync();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task TestOnlyClearTable()
    {
        await _gate.WaitAsync();
        try
        {
            _rows.Clear();
            await SaveAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A reminder belongs to the range (begin, end] of the hash ring, which may wrap around.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<T> Locked<T>(Func<T> read)
    {
        await _gate.WaitAsync();
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveAsync()
    {
        var temporary = _path + ".tmp";
        var json = JsonSerializer.SerializeToUtf8Bytes(_rows.Values.Select(SavedReminder.From).ToList());
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record SavedReminder(string GrainId, string Name, DateTime StartAt, TimeSpan Period, string ETag)
    {
        public static SavedReminder From(ReminderEntry e) => new(e.GrainId.ToString(), e.ReminderName, e.StartAt, e.Period, e.ETag ?? "");

        public ReminderEntry ToEntry() => new()
        {
            GrainId = Orleans.Runtime.GrainId.Parse(GrainId),
            ReminderName = Name,
            StartAt = StartAt,
            Period = Period,
            ETag = ETag,
        };
    }
}
