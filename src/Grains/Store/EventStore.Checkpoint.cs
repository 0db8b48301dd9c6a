using System.Runtime.InteropServices;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// A store's whole state in a binary form that loads without re-deciding anything: the dictionaries
/// in code order, users in index order with their customer and membership rows, segments, metric
/// rows, the sealed columns as they lie in memory and the duplicate index. Rows keep their arrival
/// numbers, so ties between versions resolve as before. The caller frames and checksums it.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>Format of <see cref="WriteCheckpoint"/>; another number is not read, but for
    /// <see cref="ByUserCheckpointFormat"/> and <see cref="PerRowCheckpointFormat"/>.</summary>
    public const int CheckpointFormat = 5;

    /// <summary>The format before sparse code columns (<see cref="SparseCodes"/>): the same layout
    /// without them, read as it is.</summary>
    public const int ByUserCheckpointFormat = 4;

    /// <summary>The format before code columns could be stored per user run and durations as
    /// scaled units: the same layout with plain doubles for durations, read as it is.</summary>
    public const int PerRowCheckpointFormat = 3;

    /// <summary>Ids are copied to and from a checkpoint this many at a time.</summary>
    private const int IdPiece = 1 << 16;

    /// <summary>Writes the state; compacts first so that every event is in the sealed block.</summary>
    public void WriteCheckpoint(BinaryWriter writer)
    {
        Compact();
        writer.Write(CheckpointFormat);
        writer.Write(_arrival);
        writer.Write(MinTimestamp);
        writer.Write(MaxTimestamp);
        foreach (var pool in _pools.Append(PropertiesPool))
        {
            writer.Write(pool.Count);
            for (var code = 1; code < pool.Count; code++)
            {
                writer.Write(pool[code]);
            }
        }
        WriteStrings(writer, LongIds);
        WriteUsers(writer);
        WriteSegments(writer);
        WriteRows(writer, _metrics.Values.Select(m => m.Arrival).ToList(), rows => { foreach (var m in _metrics.Values) { rows.Metric(m.Row); } });
        WriteSealed(writer, Sealed);
        _dedup.Write(writer);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The data is not a checkpoint of this format.</exception>
    public static EventStore ReadCheckpoint(BinaryReader reader) => ReadCheckpoint(reader, IdStorage.InMemory);

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote, keeping the sealed ids in <paramref name="ids"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a checkpoint of this format.</exception>
    public static EventStore ReadCheckpoint(BinaryReader reader, IdStorage ids)
    {
        var format = reader.ReadInt32();
        if (format is not (CheckpointFormat or ByUserCheckpointFormat or PerRowCheckpointFormat))
        {
            throw new InvalidDataException($"The checkpoint has format {format}; this version reads {PerRowCheckpointFormat} to {CheckpointFormat}.");
        }
        var store = new EventStore(ids)
        {
            _arrival = reader.ReadInt64(),
            MinTimestamp = reader.ReadInt64(),
            MaxTimestamp = reader.ReadInt64(),
        };
        foreach (var pool in store._pools.Append(store.PropertiesPool))
        {
            var count = reader.ReadInt32();
            for (var code = 1; code < count; code++)
            {
                if (pool.Intern(reader.ReadString()) != code)
                {
                    throw new InvalidDataException("A dictionary of the checkpoint holds a value twice.");
                }
            }
        }
        store.LongIds.AddRange(ReadStrings(reader));
        store.ReadUsers(reader);
        store.ReadSegments(reader);
        var metricArrivals = BinaryArrays.Read<long>(reader);
        var metrics = new BatchReader(reader.ReadBytes(reader.ReadInt32()));
        foreach (var arrival in metricArrivals)
        {
            Expect(ref metrics, RowKind.Metric);
            var row = metrics.Metric();
            store._metrics[new MetricKey(row.SegmentId, row.MetricName, row.Granularity, row.TimePeriodMs)] = new Versioned<MetricRow>(row, arrival);
        }
        store.Sealed = ReadSealed(reader, store._userList.Count, ids, format);
        store._dedup = DedupIndex.Read(reader);
        store.TrimExcess();
        return store;
    }

    private void WriteUsers(BinaryWriter writer)
    {
        writer.Write(_userList.Count);
        foreach (var user in _userList)
        {
            writer.Write(user.UserId);
            writer.Write(user.Version);
            writer.Write(user.CustomerSlot >= 0);
            writer.Write(user.Memberships?.Count ?? 0);
        }
        var customers = _userList.Where(u => u.CustomerSlot >= 0).ToList();
        WriteRows(writer, customers.Select(u => Customers.Arrival(u.CustomerSlot)).ToList(), rows => customers.ForEach(u => rows.Customer(Customer(u)!)));
        var memberships = _userList.SelectMany(u => (u.Memberships?.Values.ToArray() ?? []).Select(m => (u.UserId, Membership: m))).ToList();
        WriteRows(writer, memberships.Select(m => m.Membership.Arrival).ToList(), rows => memberships.ForEach(m => rows.Segment(m.Membership.Row(m.UserId))));
    }

    private void ReadUsers(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var shape = new (bool Customer, int Memberships)[count];
        for (var i = 0; i < count; i++)
        {
            var user = GetOrAddUser(reader.ReadString());
            if (user.Index != i)
            {
                throw new InvalidDataException("A user appears twice in the checkpoint.");
            }
            user.Version = reader.ReadInt64();
            shape[i] = (reader.ReadBoolean(), reader.ReadInt32());
        }
        var customerArrivals = BinaryArrays.Read<long>(reader);
        var customers = new BatchReader(reader.ReadBytes(reader.ReadInt32()));
        var membershipArrivals = BinaryArrays.Read<long>(reader);
        var memberships = new BatchReader(reader.ReadBytes(reader.ReadInt32()));
        int c = 0, m = 0;
        for (var i = 0; i < count; i++)
        {
            var user = _userList[i];
            if (shape[i].Customer)
            {
                Expect(ref customers, RowKind.Customer);
                user.CustomerSlot = Customers.Set(-1, user.Index, customers.Customer(), customerArrivals[c++]);
                CustomerVersion++;
            }
            if (shape[i].Memberships > 0)
            {
                user.Memberships = new Memberships();
                for (var k = 0; k < shape[i].Memberships; k++)
                {
                    Expect(ref memberships, RowKind.Segment);
                    var row = Shared(memberships.Segment(), user);
                    user.Memberships.Set(Membership.Of(row, membershipArrivals[m++]));
                }
            }
        }
    }

    private void WriteSegments(BinaryWriter writer)
    {
        writer.Write(_segments.Count);
        foreach (var (id, segment) in _segments)
        {
            writer.Write(id);
            writer.Write(segment.Name);
            writer.Write(segment.NameUpdatedAtMs);
            writer.Write(segment.Members.Count);
            foreach (var member in segment.Members)
            {
                writer.Write(member);
            }
        }
    }

    private void ReadSegments(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var segment = new SegmentIndex();
            _segments.Add(reader.ReadString(), segment);
            segment.ObserveName(reader.ReadString(), reader.ReadInt64());
            var members = reader.ReadInt32();
            segment.Members.EnsureCapacity(members);
            for (var k = 0; k < members; k++)
            {
                segment.Members.Add(reader.ReadInt32());
            }
        }
    }

    private static void WriteSealed(BinaryWriter writer, SealedEvents events)
    {
        writer.Write(events.Count);
        BinaryArrays.Write(writer, events.UserStart);
        BinaryArrays.Write(writer, events.Timestamps);
        foreach (var codes in events.Codes)
        {
            codes.Write(writer);
        }
        events.Durations.Write(writer);
        events.Values.Write(writer);
        WriteIds(writer, events.Ids);
        events.Properties.Write(writer);
    }

    private static SealedEvents ReadSealed(BinaryReader reader, int users, IdStorage idStorage, int format)
    {
        var count = reader.ReadInt32();
        var userStart = BinaryArrays.Read<int>(reader);
        var timestamps = BinaryArrays.Read<long>(reader);
        var codes = new CodeVector[EventColumns.Count];
        for (var c = 0; c < codes.Length; c++)
        {
            codes[c] = CodeVector.Read(reader, format == PerRowCheckpointFormat ? null : userStart);
        }
        var durations = format == PerRowCheckpointFormat ? DurationColumn.ReadPlain(reader, count) : DurationColumn.Read(reader, count);
        var values = NumberColumn.Read(reader, count);
        var ids = ReadIds(reader, idStorage);
        var properties = CodeVector.Read(reader, null);
        if (count == 0 && userStart.Length <= 1)
        {
            ids.Dispose();
            return SealedEvents.Empty;
        }
        if (userStart.Length > users + 1 || timestamps.Length != count || ids.Count != count
            || codes.Any(c => c.Length != count) || properties.Length != count)
        {
            ids.Dispose();
            throw new InvalidDataException("The checkpoint's event columns do not have one row per event.");
        }
        return new SealedEvents(count, userStart, timestamps, codes, durations, values, ids, properties);
    }

    /// <summary>Writes the ids as <see cref="BinaryArrays"/> would write an array of them, piece by piece.</summary>
    private static void WriteIds(BinaryWriter writer, SealedIds ids)
    {
        writer.Write(ids.Count);
        var cursor = new SealedIdsCursor(ids);
        for (var start = 0; start < ids.Count; start += IdPiece)
        {
            writer.Write(MemoryMarshal.AsBytes(cursor.Get(start, Math.Min(IdPiece, ids.Count - start))));
        }
    }

    private static SealedIds ReadIds(BinaryReader reader, IdStorage storage)
    {
        var length = BinaryArrays.ReadLength(reader);
        using var writer = storage.Begin(length);
        var piece = new EventIdKey[Math.Min(IdPiece, length)];
        for (var start = 0; start < length; start += IdPiece)
        {
            var span = piece.AsSpan(0, Math.Min(IdPiece, length - start));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(span));
            writer.Append(span);
        }
        return writer.Complete();
    }

    private static void WriteRows(BinaryWriter writer, List<long> arrivals, Action<BatchWriter> write)
    {
        BinaryArrays.Write(writer, CollectionsMarshal.AsSpan(arrivals));
        var rows = new BatchWriter();
        write(rows);
        var payload = rows.ToBatch().Payload;
        writer.Write(payload.Length);
        writer.Write(payload);
    }

    private static void Expect(ref BatchReader reader, RowKind expected)
    {
        if (!reader.Next(out var kind) || kind != expected)
        {
            throw new InvalidDataException($"The checkpoint misses a {expected} row.");
        }
    }

    private static void WriteStrings(BinaryWriter writer, List<string> values)
    {
        writer.Write(values.Count);
        values.ForEach(writer.Write);
    }

    private static IEnumerable<string> ReadStrings(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }
}
