using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// A server that stops mid-recording finishes its recordings at the next start; none vanishes.
public sealed class RecordingRecoveryTests
{
    [Fact]
    public async Task Restart_AfterACrashWhileRecording_ConvertsWhatWasSaved_AndRecoversAFolderWithoutRow()
    {
        var shared = Directory.CreateTempSubdirectory("rs-it-recovery-").FullName;
        try
        {
            Guid callId, interrupted, rowless;
            string interruptedFolder, rowlessFolder;
            await using (var scene = await CallScene.CreateAsync(("Data:Folder", shared)))
            {
                (callId, var organizationId) = await scene.AddCallAsync();

                // A folder whose row was never saved (or was lost): the manifest says whose it is.
                var lost = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);
                await MjrFixtures.WriteCallAsync(lost.Folder, scene.TechnicianId, scene.ExpertId, 4, 1, 3, expertWebcam: false, startUs: 1_700_000_000_000_000);
                using (var scope = scene.Factory.Services.CreateScope())
                {
                    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Recordings.Where(r => r.Id == lost.RecordingId).ExecuteDeleteAsync();
                }

                // The server dies while this one records, after a conversion attempt that left half an output file behind.
                var live = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);
                await MjrFixtures.WriteCallAsync(live.Folder, scene.TechnicianId, scene.ExpertId, 4, 1, 3, expertWebcam: false, startUs: 1_700_000_100_000_000);
                // Janus with recordings_tmp_ext writes "….mjr.tmp" until it closes a recorder, which the crash never did.
                var open = Path.Combine(live.Folder, $"{scene.TechnicianId:N}-0-video-1.mjr");
                File.Move(open, open + ".tmp");
                var work = Directory.CreateDirectory(RecordingConverter.WorkFolder(live.Folder)).FullName;
                await File.WriteAllBytesAsync(Path.Combine(work, "recording.webm"), new byte[1000]);
                (interrupted, interruptedFolder, rowless, rowlessFolder) = (live.RecordingId, live.Folder, lost.RecordingId, lost.Folder);
                Assert.Equal(RecordingStatus.Recording, (await scene.Factory.RowAsync(interrupted)).Status);
            }

            Assert.True(RecordingFolders.HasMedia(interruptedFolder) && RecordingFolders.HasMedia(rowlessFolder));

            await using var restarted = new RemoteSupportFactory(("Data:Folder", shared));
            _ = restarted.Services;
            foreach (var id in new[] { interrupted, rowless })
            {
                var row = await restarted.SettledAsync(id);
                Assert.True(row.Status == RecordingStatus.Ready, $"{id}: {row.Status} {row.FailureReason}");
                Assert.Equal(RecordingRecovery.InterruptedNote, row.Note);
                Assert.Equal(callId, row.CallId);
                Assert.NotNull(row.StoppedAt);
                Assert.InRange(row.DurationMs!.Value, 4000 - 1500, 4000 + 1500);
            }

            Assert.False(Directory.Exists(interruptedFolder));
            Assert.False(Directory.Exists(rowlessFolder));
            Assert.Empty(SessionFileScene.Files(Path.Combine(shared, "recordings")));

            var admin = restarted.CreateBrowser();
            await admin.SignInAsync(Api.AdminEmail, Api.AdminPassword);
            var list = await admin.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings");
            Assert.Equal(new[] { interrupted, rowless }.Order(), list.Select(r => r.Id).Order());
            Assert.All(list, r => Assert.Equal(RecordingStatus.Ready, r.Status));
            foreach (var recording in list)
            {
                var probe = await RecordingScene.ProbeAsync(await admin.GetByteArrayAsync(recording.ContentUrl));
                Assert.Equal(["audio:opus", "video:vp8"], probe.Codecs);
            }
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }
}
