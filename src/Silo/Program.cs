using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Silo.Hosting;

// One process: an Orleans silo with the HTTP gateway's endpoints co-hosted.
return StartupGuard.Run(() => SiloApp.Build(args).Run());
