"""Packaging for sr_notebook: every field is read from settings.ini (nbdev's single source)."""
from configparser import ConfigParser
from pathlib import Path
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read(Path(__file__).parent / 'settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

licenses = {'apache2': 'Apache-2.0'}   # SPDX expression
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable']
readme = Path(__file__).parent / 'README.md'

setuptools.setup(
    name=cfg['lib_name'].replace('_', '-'),
    version=cfg['version'],
    description=cfg['description'],
    long_description=readme.read_text(encoding='utf-8') if readme.exists() else '',
    long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'],
    license=licenses[cfg['license']], keywords=cfg['keywords'].split(),
    classifiers=['Development Status :: ' + statuses[int(cfg['status']) - 1],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title(),
                 'Programming Language :: Python :: 3'],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=[cfg['lib_name'], cfg['lib_name'] + '.*']),
    include_package_data=True,
    package_data={cfg['lib_name']: ['weights/*.pt', 'weights/*.json',   # the shipped trained models
                                    'niqe_pris_params.npz']},           # NIQE's pristine model
    python_requires='>=' + cfg['min_python'],
    install_requires=cfg['requirements'].split(),
    # `pip install -e ".[dev]"`: nbdev pinned to the 2.x line that still reads settings.ini
    # `pip install "sr-notebook[fast]"`: the faster CPU engines for upscaling (OpenVINO, ONNX Runtime; NNCF for int8)
    # `pip install "sr-notebook[app]"`: `sr-notebook app`, which needs nothing more (the standard library serves it)
    extras_require={'dev': cfg['dev_requirements'].split(), 'fast': cfg['fast_requirements'].split(),
                    'app': cfg.get('app_requirements', '').split()},
    entry_points={'console_scripts': cfg['console_scripts'].split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
