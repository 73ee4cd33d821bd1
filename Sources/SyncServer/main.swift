import Foundation

exit(ServerCommand.run(Array(CommandLine.arguments.dropFirst())))
