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
    Description          = 'A BitTorrent engine in C# for PowerShell: read and create .torrent files and magnet links (downloading and seeding come in later releases).'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Windows PowerShell only (PowerShell 7 ignores it): the netstandard2.0 assemblies load on .NET
    # Framework 4.7.2 and later, which ship the netstandard facades; on older .NET Framework they fail
    # to load. Every .NET Framework 4.x runs on CLR 4, so no CLRVersion is needed.
    DotNetFrameworkVersion = '4.7.2'

    FormatsToProcess     = @('JsTorrent.Format.ps1xml')

    CmdletsToExport      = @(
        'Get-TorrentInfo', 'New-Torrent',
        'Start-TorrentEngine', 'Get-TorrentEngine', 'Set-TorrentEngine', 'Stop-TorrentEngine',
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
