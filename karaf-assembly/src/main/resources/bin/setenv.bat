@echo off
rem
rem
rem    Licensed to the Apache Software Foundation (ASF) under one or more
rem    contributor license agreements.  See the NOTICE file distributed with
rem    this work for additional information regarding copyright ownership.
rem    The ASF licenses this file to You under the Apache License, Version 2.0
rem    (the "License"); you may not use this file except in compliance with
rem    the License.  You may obtain a copy of the License at
rem
rem       http://www.apache.org/licenses/LICENSE-2.0
rem
rem    Unless required by applicable law or agreed to in writing, software
rem    distributed under the License is distributed on an "AS IS" BASIS,
rem    WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
rem    See the License for the specific language governing permissions and
rem    limitations under the License.
rem

rem
rem handle specific scripts; the SCRIPT_NAME is exactly the name of the Karaf
rem script; for example karaf.bat, start.bat, stop.bat, admin.bat, client.bat, ...
rem
rem if "%KARAF_SCRIPT%" == "SCRIPT_NAME" (
rem   Actions go here...
rem )

rem
rem general settings which should be applied for all scripts go here; please keep
rem in mind that it is possible that scripts might be executed more than once, e.g.
rem in example of the start script where the start script is executed first and the
rem karaf script afterwards.
rem

rem
rem Karaf Images: environment for bin\karaf.bat, bin\start.bat, bin\client.bat... (called by them; Karaf's own
rem variables apply, see the list below). Cap the heap with EXTRA_JAVA_OPTS, e.g. SET EXTRA_JAVA_OPTS=-Xmx2g
rem
rem AES-GCM at full speed from the first images on (the same option as bin/setenv on Unix). Every stored file is
rem encrypted (and every download decrypted) with AES-GCM in 1 MiB segments. The JDK does AES-GCM with the CPU's AES
rem and carry-less multiply instructions only in code that the C2 compiler has compiled, and the callers of those
rem intrinsics (GHASH.update, CounterMode.crypt...) are called once per segment, so C2 compiles them only after some
rem 700 MiB: until then every MiB costs 15 ms instead of 0.3 ms (measured on JDK 17: benchmarks/end-to-end.sh, README
rem "Benchmarks"). These classes are compiled a hundred times sooner (after about 20 MiB).
rem The option is appended to the user's own EXTRA_JAVA_OPTS with no quotes around it: karaf.bat compares the
rem variable inside double quotes, which a quote in its value would break. Its "*" and "," need none: SET and that
rem quoted comparison take them literally, and java.exe splits its command line only at blanks (the Java launcher
rem expands wildcards only in the application's arguments, never in JVM options).
rem
rem Start-up without the C2 compiler's rush, as in bin/setenv (read its comment): ten times the JDK's level-4
rem thresholds, except for the code of every request and task (ours, Jetty, CXF), and the crypto scale a tenth more.
rem SET IMAGES_DEFER_C2=false restores the JDK's thresholds. One IF per line: a parenthesised block would expand
rem %EXTRA_JAVA_OPTS% once, before any of its SETs.
SET "IMAGES_CRYPTO_SCALE=0.01"
SET "EXTRA_JAVA_OPTS=%EXTRA_JAVA_OPTS% -XX:CompileCommand=quiet"
IF /I NOT "%IMAGES_DEFER_C2%"=="false" SET "EXTRA_JAVA_OPTS=%EXTRA_JAVA_OPTS% -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000"
IF /I NOT "%IMAGES_DEFER_C2%"=="false" SET "EXTRA_JAVA_OPTS=%EXTRA_JAVA_OPTS% -XX:CompileCommand=option,io.karafimages.*::*,double,CompileThresholdScaling,0.1 -XX:CompileCommand=option,org.eclipse.jetty.*::*,double,CompileThresholdScaling,0.1 -XX:CompileCommand=option,org.apache.cxf.*::*,double,CompileThresholdScaling,0.1"
IF /I NOT "%IMAGES_DEFER_C2%"=="false" SET "IMAGES_CRYPTO_SCALE=0.001"
SET "EXTRA_JAVA_OPTS=%EXTRA_JAVA_OPTS% -XX:CompileCommand=option,com.sun.crypto.provider.*::*,double,CompileThresholdScaling,%IMAGES_CRYPTO_SCALE%"
SET "IMAGES_CRYPTO_SCALE="

rem
rem The following section shows the possible configuration options for the default 
rem karaf scripts
rem
rem Window name of the windows console
rem SET KARAF_TITLE
rem Location of Java installation
rem SET JAVA_HOME
rem Generic JVM options (for instance, where you can provide memory configuration)
rem SET JAVA_OPTS
rem Additional JVM options
rem SET JAVA_NON_DEBUG_OPTS
rem Additional non-debug JVM options
rem SET EXTRA_JAVA_OPTS 
rem Karaf home folder
rem SET KARAF_HOME
rem Karaf data folder
rem SET KARAF_DATA
rem Karaf base folder
rem SET KARAF_BASE
rem Karaf etc folder
rem SET KARAF_ETC
rem First citizen Karaf options
rem SET KARAF_SYSTEM_OPTS
rem Additional available Karaf options
rem SET KARAF_OPTS
rem Enable debug mode
rem SET KARAF_DEBUG

