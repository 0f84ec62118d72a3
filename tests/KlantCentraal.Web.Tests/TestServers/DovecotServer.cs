using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot (installed by tests/test.sh), started on a free loopback
/// port with a throw-away configuration, maildir and passwd file, and stopped afterwards. Test e-mails are put in
/// with IMAP APPEND, as a mail server would deliver them.
/// </summary>
public sealed class DovecotServer : IAsyncLifetime
{
    public const string User = "klachten@example.test";
    public const string Password = "geheim-imap-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "klantcentraal-dovecot", Guid.NewGuid().ToString("N"));

    public int Port { get; private set; }

    /// <summary>
    /// When set before start: XOAUTH2 and OAUTHBEARER sign-ins are checked at this introspection endpoint (Dovecot's
    /// oauth2 passdb, asking as client <c>dovecot</c>), and the token must carry <see cref="OAuth2Scope"/>.
    /// Plain passwords keep working for the tests' own deliveries.
    /// </summary>
    public string? OAuth2Introspection { get; init; }

    public string OAuth2Scope { get; init; } = "mail.read";

    public bool IsRunning { get; private set; }

    public async Task InitializeAsync()
    {
        const string binary = "/usr/sbin/dovecot";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Dovecot is not installed: run the tests with tests/test.sh, which installs dovecot-imapd.");
        }

        Port = LoopbackPort.Free();
        Directory.CreateDirectory(Path.Combine(_folder, "home"));
        Directory.CreateDirectory(Path.Combine(_folder, "run"));
        Directory.CreateDirectory(Path.Combine(_folder, "state"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "dovecot.conf"), Config(_folder, Port, OAuth2Introspection is not null));
        if (OAuth2Introspection is { } introspection)
        {
            var url = new Uri(introspection);
            await File.WriteAllLinesAsync(Path.Combine(_folder, "oauth2.conf.ext"),
            [
                "introspection_mode = post",
                $"introspection_url = {url.Scheme}://dovecot:dovecot-secret@{url.Authority}{url.PathAndQuery}",
                "username_attribute = email",
                "active_attribute = active",
                "active_value = true",
                "force_introspection = yes",
                $"scope = {OAuth2Scope}",
            ]);
        }

        await RunAsync("chmod", $"755 {Path.GetDirectoryName(_folder)} {_folder}");

        await RunAsync("chown", $"-R nobody:nogroup {Path.Combine(_folder, "home")}");
        await StartAsync();
    }

    public async Task StartAsync()
    {
        await RunAsync("/usr/sbin/dovecot", $"-c {Path.Combine(_folder, "dovecot.conf")}");
        await LoopbackPort.WaitUntilListeningAsync(Port);
        IsRunning = true;
    }

    public async Task StopAsync()
    {
        var pidFile = Path.Combine(_folder, "run", "master.pid");
        if (File.Exists(pidFile))
        {
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using var master = Process.GetProcessById(pid);
            master.Kill();
            await master.WaitForExitAsync();
        }

        IsRunning = false;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Dovecot may still be writing its log; the temp folder is cleaned up by the system.
        }
    }

    /// <summary>Delivers an e-mail to the inbox (IMAP APPEND), as delivered now or at <paramref name="delivered"/>.</summary>
    public async Task AppendAsync(MimeMessage message, string folder = "INBOX", DateTimeOffset? delivered = null)
    {
        using var client = await ConnectAsync();
        IMailFolder? target;
        try
        {
            target = await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            target = await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true);
        }

        await target!.AppendAsync(delivered is { } at ? new AppendRequest(message, MessageFlags.Seen, at) : new AppendRequest(message));
        await client.DisconnectAsync(true);
    }

    /// <summary>Whether a folder holds an e-mail with this Message-ID.</summary>
    public async Task<bool> HoldsAsync(string folder, string messageId)
    {
        using var client = await ConnectAsync();
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        return (await target.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", messageId))).Count > 0;
    }

    /// <summary>Creates a folder next to the inbox (for a benchmark's own queue).</summary>
    public async Task CreateFolderAsync(string name)
    {
        using var client = await ConnectAsync();
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, isMessageFolder: true);
        await client.DisconnectAsync(true);
    }

    /// <summary>How many e-mails a folder holds (0 when the folder does not exist yet).</summary>
    public async Task<int> CountAsync(string folder)
    {
        using var client = await ConnectAsync();
        try
        {
            var target = await client.GetFolderAsync(folder);
            await target.OpenAsync(FolderAccess.ReadOnly);
            return target.Count;
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Runs a command to its end. Output is not captured: Dovecot's daemon would keep the pipes open.</summary>
    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}.");
        }
    }

    private static string Config(string dir, int port, bool oauth2) => $$"""
        protocols = imap
        listen = 127.0.0.1
        base_dir = {{dir}}/run
        state_dir = {{dir}}/state
        log_path = {{dir}}/dovecot.log
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login{{(oauth2 ? " xoauth2 oauthbearer" : string.Empty)}}
        default_login_user = dovenull
        default_internal_user = dovecot
        first_valid_uid = 1
        mail_location = maildir:{{dir}}/home/%u/Maildir
        mailbox_idle_check_interval = 1 secs
        {{(oauth2 ? OAuth2Passdb(dir) : string.Empty)}}
        passdb {
          driver = passwd-file
          {{(oauth2 ? "mechanisms = plain login" : string.Empty)}}
          args = scheme=PLAIN username_format=%u {{dir}}/passwd
        }
        userdb {
          driver = static
          args = uid=nobody gid=nogroup home={{dir}}/home/%u
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{port}}
          }
          inet_listener imaps {
            port = 0
          }
          chroot =
        }
        service anvil {
          chroot =
        }
        """;

    private static string OAuth2Passdb(string dir) => $"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {dir}/oauth2.conf.ext\n}}";
}
