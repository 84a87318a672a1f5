#
# Module manifest for JsTorrent (a BitTorrent engine for PowerShell).
# build.ps1 copies this file into out/JsTorrent/ beside the published assemblies.
#
@{
    RootModule           = 'JsTorrent.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '0b608c3f-824a-489a-b8b9-09d68efa37d4'
    Author               = 'JsTorrent for PowerShell'
    CompanyName          = 'JsTorrent for PowerShell'
    Description          = 'A BitTorrent client for PowerShell: download and seed torrents and magnet links from scripts, scheduled tasks and interactive sessions, with the engine in the PowerShell process (one per runspace) and its session saved for resume.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Windows PowerShell only (PowerShell 7 ignores it): the netstandard2.0 assemblies load on .NET
    # Framework 4.7.2 and later, which ship the netstandard facades; on older .NET Framework they fail
    # to load. Every .NET Framework 4.x runs on CLR 4, so no CLRVersion is needed.
    DotNetFrameworkVersion = '4.7.2'

    # Loaded at import so scripts can name the engine's and adapters' .NET types (e.g.
    # [JsTorrent.Adapters.Memory.MemoryNetwork]::new() for Start-TorrentEngine -MemoryNetwork)
    # before any cmdlet has needed them.
    RequiredAssemblies   = @('JsTorrent.Engine.dll', 'JsTorrent.Adapters.dll')

    FormatsToProcess     = @(
        'JsTorrent.Format.ps1xml',
        'JsTorrent.Torrent.Format.ps1xml',
        'JsTorrent.TorrentFile.Format.ps1xml',
        'JsTorrent.TorrentPeer.Format.ps1xml',
        'JsTorrent.StorageRoot.Format.ps1xml',
        'JsTorrent.LogEntry.Format.ps1xml',
        'JsTorrent.TorrentEngine.Format.ps1xml',
        'JsTorrent.TorrentCheckResult.Format.ps1xml'
    )

    CmdletsToExport      = @(
        'Get-TorrentInfo', 'New-Torrent',
        'Start-TorrentEngine', 'Get-TorrentEngine', 'Set-TorrentEngine', 'Stop-TorrentEngine',
        'Add-Torrent', 'Get-Torrent', 'Remove-Torrent', 'Suspend-Torrent', 'Resume-Torrent', 'Wait-Torrent', 'Test-Torrent',
        'Get-TorrentFile', 'Set-TorrentFile', 'Get-TorrentPeer',
        'Get-TorrentStorageRoot', 'Set-TorrentStorageRoot', 'Remove-TorrentStorageRoot',
        'Resume-TorrentSession', 'Get-TorrentLog'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags = @('BitTorrent', 'Torrent', 'Magnet', 'P2P', 'Download', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
        }
    }
}
