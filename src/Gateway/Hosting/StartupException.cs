namespace UserAnalytics.Gateway.Hosting;

/// <summary>A setting, the data directory or the database keeps a silo or gateway from starting.
/// The message says which and what to do; <see cref="StartupGuard"/> prints it and exits with
/// code 2, without the stack trace and core dump of an unhandled exception.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
