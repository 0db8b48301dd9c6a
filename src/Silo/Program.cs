using UserAnalytics.Silo.Hosting;

// One process: an Orleans silo with the HTTP gateway's endpoints co-hosted.
var app = SiloApp.Build(args);
app.Run();
