from hclrun.cli.main import main

main()
