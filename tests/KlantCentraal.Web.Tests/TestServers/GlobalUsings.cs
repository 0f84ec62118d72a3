// The real servers the tests start (the app itself, Dovecot, Redis, PostgreSQL, an SMTP server, an OpenID provider)
// are used from every folder.
global using KlantCentraal.Web.Tests.TestServers;
